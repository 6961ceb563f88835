package com.clientnest.gateway;

import com.clientnest.gateway.support.CostServiceInitializer;
import com.clientnest.infrastructure.TestInfrastructureInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway on a random port against the shared real broker and database and the real cost service, with a
 * development user and an admin key. Every integration test uses exactly this, so they all share one application context and one consumer of
 * the results topic.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + GatewayApplication.CONFIG_NAME,
            "clientnest.gateway.dev-user.api-key=" + GatewayIntegrationTest.DEV_USER_KEY,
            "clientnest.gateway.admin-api-key=" + GatewayIntegrationTest.ADMIN_KEY,
            "clientnest.gateway.outbox.sweep-interval=200ms",
            "clientnest.gateway.events.heartbeat=1s",
            GatewayIntegrationTest.NO_RESPONSE_CACHE,
            GatewayIntegrationTest.FREE_RATE_LIMIT,
            GatewayIntegrationTest.STARTER_RATE_LIMIT,
            GatewayIntegrationTest.PROFESSIONAL_RATE_LIMIT,
            GatewayIntegrationTest.BUSINESS_RATE_LIMIT,
            GatewayIntegrationTest.ENTERPRISE_RATE_LIMIT
        })
// The shared broker and database first: the cost service started by the second initializer uses them too.
@ContextConfiguration(initializers = {TestInfrastructureInitializer.class, CostServiceInitializer.class})
public @interface GatewayIntegrationTest {

    String DEV_USER_KEY = "dev-user-key";

    // These tests submit the same bodies again and again and no worker ever answers them, so with the response cache
    // and in-flight dedup on, a request would follow an unrelated test's request instead of going on its lane. The
    // cache and dedup have tests of their own that turn it on (ResponseCacheIT here, SpendingIT on the whole suite).
    String NO_RESPONSE_CACHE = "clientnest.gateway.cache.enabled=false";
    String ADMIN_KEY = "test-admin-key";

    // The free tier keeps a low limit for the rate-limit tests; the others are out of the way of the load tests.
    String FREE_RATE_LIMIT = "clientnest.gateway.rate-limit.requests-per-minute.free=12";
    String STARTER_RATE_LIMIT = "clientnest.gateway.rate-limit.requests-per-minute.starter=100000";
    String PROFESSIONAL_RATE_LIMIT = "clientnest.gateway.rate-limit.requests-per-minute.professional=100000";
    String BUSINESS_RATE_LIMIT = "clientnest.gateway.rate-limit.requests-per-minute.business=100000";
    String ENTERPRISE_RATE_LIMIT = "clientnest.gateway.rate-limit.requests-per-minute.enterprise=100000";
}
