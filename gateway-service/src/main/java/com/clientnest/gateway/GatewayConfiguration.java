package com.clientnest.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    private static final String API_KEY_SCHEME = "apiKey";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("ClientNest AI gateway")
                        .description(
                                "Queues AI requests (content, content suggestions, sentiment, optimisation) by priority and reports"
                                        + " their results. Errors are RFC 9457 problem details with a stable 'code'.")
                        .version("v1"))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("Authorization: Bearer <api key>")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
    }
}
