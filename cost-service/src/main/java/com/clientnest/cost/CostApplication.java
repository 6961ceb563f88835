package com.clientnest.cost;

import com.clientnest.schemas.kafka.SuiteTopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Prices every DeepSeek call, keeps each user's monthly usage ledger and reports usage against tier limits. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SuiteTopicsConfiguration.class)
public class CostApplication {

    /** The cost service's configuration file is {@code cost.yml}: the services share one JVM in the local run. */
    public static final String CONFIG_NAME = "cost";

    public static void main(String[] args) {
        new SpringApplicationBuilder(CostApplication.class)
                .properties(
                        "spring.config.name=" + CONFIG_NAME,
                        // A default property, so any other source wins; the secret itself only from the environment.
                        "clientnest.cost.api.service-token=${CLIENTNEST_SERVICE_TOKEN:}")
                .run(args);
    }
}
