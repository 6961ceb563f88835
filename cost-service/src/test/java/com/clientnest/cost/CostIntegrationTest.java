package com.clientnest.cost;

import com.clientnest.infrastructure.WithTestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The cost service on a random port against the shared real broker and database, with a known service token.
 * Every integration test of the service uses exactly this, so they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = CostApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + CostApplication.CONFIG_NAME,
            "clientnest.cost.api.service-token=" + CostIntegrationTest.SERVICE_TOKEN
        })
@WithTestInfrastructure
public @interface CostIntegrationTest {

    String SERVICE_TOKEN = "test-service-token";
}
