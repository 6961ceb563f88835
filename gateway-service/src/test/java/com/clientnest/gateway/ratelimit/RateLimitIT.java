package com.clientnest.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.SecondGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The per-user rate limit holds for all gateway instances together, not per instance. */
@GatewayIntegrationTest
class RateLimitIT {

    private static final String SENTIMENT = """
            {"text": "Is this thing on?"}""";

    private static SecondGateway second;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondGateway() {
        second = SecondGateway.start();
    }

    @AfterAll
    static void stopSecondGateway() {
        second.close();
    }

    @Test
    void letsAFreeUserThroughTwoGatewaysOnlyTheTwelveRequestsOfTheirMinute() throws Exception {
        // Given a free user, whose tier allows 12 requests a minute in these tests
        ApiClient first = new ApiClient(port);
        ApiClient other = new ApiClient(second.port());
        Reply created = first.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "Eager", "tier": "free"}""");
        String apiKey = created.body().get("apiKey").asString();

        // When 30 submissions arrive at once, alternating between the two gateways
        List<Reply> replies =
                concurrently(30, i -> (i % 2 == 0 ? first : other).post("/api/v1/ai/sentiment", apiKey, SENTIMENT));

        // Then exactly 12 pass, whichever gateway they came through, and 18 are refused as rate limited
        Map<Integer, Long> byStatus =
                replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(202, 12L, 429, 18L));
        Reply accepted =
                replies.stream().filter(r -> r.status() == 202).findFirst().orElseThrow();
        assertThat(accepted.header("RateLimit-Policy")).isEqualTo("\"per-user\";q=12;w=60");
        assertThat(accepted.header("RateLimit")).matches("\"per-user\";r=\\d+;t=\\d+");
        Reply refused =
                replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.body().get("code").asString()).isEqualTo("rate_limited");
        assertThat(refused.body().get("limit").asInt()).isEqualTo(12);
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 5);
        assertThat(refused.header("RateLimit")).isEqualTo("\"per-user\";r=0;t=" + retryAfter);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"per-user\";q=12;w=60");
    }

    private static List<Reply> concurrently(int n, IntFunction<Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : pool.invokeAll(calls)) {
                replies.add(reply.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
