package com.clientnest.gateway.support;

import com.clientnest.gateway.GatewayApplication;
import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.infrastructure.TestInfrastructureInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Another gateway instance in the test JVM, sharing the database, the broker and the cost service. */
public final class SecondGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param extra command-line arguments, which outrank gateway.yml and the test defaults */
    public static SecondGateway start(String... extra) {
        return start(Map.of(), extra);
    }

    /**
     * @param infrastructure settings that replace the shared infrastructure's own (a database or broker address
     *     that leads elsewhere); command-line arguments cannot, as the shared settings outrank them
     */
    public static SecondGateway start(Map<String, String> infrastructure, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "--server.port=0",
                "--clientnest.gateway.admin-api-key=" + GatewayIntegrationTest.ADMIN_KEY,
                "--" + GatewayIntegrationTest.NO_RESPONSE_CACHE,
                "--" + GatewayIntegrationTest.FREE_RATE_LIMIT,
                "--" + GatewayIntegrationTest.STARTER_RATE_LIMIT,
                "--" + GatewayIntegrationTest.PROFESSIONAL_RATE_LIMIT,
                "--" + GatewayIntegrationTest.BUSINESS_RATE_LIMIT,
                "--" + GatewayIntegrationTest.ENTERPRISE_RATE_LIMIT));
        args.addAll(List.of(extra));
        return new SecondGateway(new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(
                        new TestInfrastructureInitializer(),
                        new CostServiceInitializer(),
                        context -> TestPropertyValues.of(infrastructure).applyTo(context))
                .run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
