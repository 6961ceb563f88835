package com.clientnest.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.SecondGateway;
import com.clientnest.gateway.support.TcpProxy;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A gateway whose database connections run through a relay the test can cut, as a database outage would. */
class DatabaseDownIT {

    private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/:]+):(\\d+)/");
    private static final String SENTIMENT = "{\"text\": \"Is anyone there?\"}";

    @Test
    void givenTheDatabaseOutOfReachWhenACallComesThenItIs503UnavailableWithinTwoSecondsWithRetryAfter()
            throws Exception {
        // Given a gateway that has worked with its database, which then goes away
        String jdbcUrl = SharedTestInfrastructure.get().jdbcUrl();
        Matcher target = HOST_AND_PORT.matcher(jdbcUrl);
        assertThat(target.find()).as("host and port in " + jdbcUrl).isTrue();
        try (TcpProxy proxy = new TcpProxy(target.group(1), Integer.parseInt(target.group(2)));
                SecondGateway gateway = SecondGateway.start(
                        Map.of("spring.datasource.url", target.replaceFirst("//localhost:" + proxy.port() + "/")),
                        "--clientnest.gateway.dev-user.api-key=" + GatewayIntegrationTest.DEV_USER_KEY)) {
            ApiClient api = new ApiClient(gateway.port());
            assertThat(api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, SENTIMENT)
                            .status())
                    .isEqualTo(202);
            proxy.cut();

            // When
            long started = System.nanoTime();
            Reply submit = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, SENTIMENT);
            Duration submitTook = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            Reply status = api.get("/api/v1/ai/requests/" + UUID.randomUUID(), GatewayIntegrationTest.DEV_USER_KEY);
            Duration statusTook = Duration.ofNanos(System.nanoTime() - started);

            // Then
            assertThat(submit.status()).isEqualTo(503);
            assertThat(submit.header("Retry-After")).isEqualTo("5");
            assertThat(submit.body()).isEqualTo(api.json("""
                    {"instance": "/api/v1/ai/sentiment", "title": "Service Unavailable", "status": 503,
                     "detail": "The service is briefly unavailable; please retry shortly", "code": "unavailable"}"""));
            assertThat(submitTook).isLessThan(Duration.ofSeconds(2));
            assertThat(status.status()).isEqualTo(503);
            assertThat(status.body().get("code").asString()).isEqualTo("unavailable");
            assertThat(statusTook).isLessThan(Duration.ofSeconds(2));

            // and once the database is back, so is the gateway
            proxy.restore();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, SENTIMENT)
                                    .status()
                            == 202);
        }
    }
}
