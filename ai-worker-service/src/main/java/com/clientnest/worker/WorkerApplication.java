package com.clientnest.worker;

import com.clientnest.schemas.kafka.SuiteTopicsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Takes AI requests from the priority lanes, calls DeepSeek and publishes results and usage. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SuiteTopicsConfiguration.class)
public class WorkerApplication {

    /** The worker's configuration file is {@code worker.yml}: the services share one JVM in the local run. */
    public static final String CONFIG_NAME = "worker";

    public static void main(String[] args) {
        new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
