package com.clientnest.gateway.problem;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document lists every problem code from the enum itself, so the two cannot drift apart. */
@Configuration(proxyBeanMethods = false)
class ProblemCodesDocumentation {

    @Bean
    OpenApiCustomizer problemCodesInTheDescription() {
        return openApi -> {
            String codes = Arrays.stream(ProblemCode.values())
                    .map(code -> "`" + code.code() + "` (" + code.status().value() + ")")
                    .collect(Collectors.joining(", "));
            String description = openApi.getInfo().getDescription();
            openApi.getInfo()
                    .setDescription((description == null ? "" : description + " ") + "Problem codes: " + codes + ".");
        };
    }
}
