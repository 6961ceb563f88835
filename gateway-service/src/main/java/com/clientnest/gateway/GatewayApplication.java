package com.clientnest.gateway;

import com.clientnest.schemas.kafka.SuiteTopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The REST entry point of the AI pipeline. Component scanning stays inside {@code com.clientnest.gateway} so the
 * gateway can share a JVM (and a classpath) with the worker and the cost service in the local run.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SuiteTopicsConfiguration.class)
public class GatewayApplication {

    /** The name of the gateway's configuration file ({@code gateway.yml}), unique among the services. */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        // Default properties, so a value given any other way (file, environment, command line) wins. The
        // secrets are read from the environment names the whole suite documents, not from gateway.yml: a value
        // in the file would override the defaults the local stack passes when it embeds the gateway.
        new SpringApplicationBuilder(GatewayApplication.class)
                .properties(
                        "spring.config.name=" + CONFIG_NAME,
                        "clientnest.gateway.admin-api-key=${CLIENTNEST_ADMIN_API_KEY:}",
                        "clientnest.gateway.dev-user.api-key=${CLIENTNEST_DEV_API_KEY:}",
                        "clientnest.gateway.quota.service-token=${CLIENTNEST_SERVICE_TOKEN:}")
                .run(args);
    }
}
