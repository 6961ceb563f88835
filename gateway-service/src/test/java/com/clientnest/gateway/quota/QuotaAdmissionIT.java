package com.clientnest.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.SecondGateway;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admission under concurrency across two gateway instances: the quota and the budget are never overshot, because
 * the cost service decides each admission in one conditional UPDATE of the user's ledger row.
 */
@GatewayIntegrationTest
class QuotaAdmissionIT {

    private static final int SUBMISSIONS = 200;
    private static final String OPTIMIZATION = """
            {"content": "Our spring sale starts Monday", "platform": "linkedin", "optimizationType": "reach"}""";
    private static final String SENTIMENT = """
            {"text": "Love it", "context": "comment"}""";

    private static SecondGateway second;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient first;
    private ApiClient other;

    @BeforeAll
    static void startSecondGateway() {
        second = SecondGateway.start();
    }

    @AfterAll
    static void stopSecondGateway() {
        second.close();
    }

    @BeforeEach
    void connect() {
        first = new ApiClient(port);
        other = new ApiClient(second.port());
    }

    @Test
    void admitsExactlyTheFiftyRequestsLeftOfTwoHundredSentConcurrentlyThroughTwoGateways() throws Exception {
        // Given a starter user: 50 optimisations a month, none used yet
        String[] user = createUser("starter");

        // When 200 optimisations arrive at once, half through each gateway
        List<Reply> replies = concurrently(
                SUBMISSIONS, i -> (i % 2 == 0 ? first : other).post("/api/v1/ai/optimization", user[1], OPTIMIZATION));

        // Then exactly 50 are accepted and 150 refused as over quota, none with another answer
        Map<Integer, Long> byStatus =
                replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(202, 50L, 429, 150L));
        Reply refused =
                replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.body().get("code").asString()).isEqualTo("quota_exceeded");
        assertThat(refused.body().get("metric").asString()).isEqualTo("content_optimization");
        assertThat(refused.body().get("limit").decimalValue()).isEqualByComparingTo("50");
        assertThat(refused.body().get("used").decimalValue()).isEqualByComparingTo("0");
        assertThat(refused.body().get("reserved").decimalValue()).isEqualByComparingTo("50");
        assertThat(refused.headers()).containsKey("retry-after");

        // And the ledger holds exactly those 50, each reserved once, and the gateway stored exactly them
        assertThat(ledger(user[0])).isEqualTo(Map.of("reserved_content_optimization", 50L, "content_optimization", 0L));
        assertThat(count(
                        "SELECT count(*) FROM cost.reservations WHERE user_id = :user AND status = 'RESERVED'",
                        user[0]))
                .isEqualTo(50);
        assertThat(count("SELECT count(*) FROM ai_requests WHERE user_id = :user", user[0]))
                .isEqualTo(50);
        assertThat(count("""
                        SELECT count(*) FROM ai_requests r JOIN cost.reservations c ON c.id = r.reservation_id
                        WHERE r.user_id = :user AND c.request_id = r.id::text""", user[0])).isEqualTo(50);
    }

    @Test
    void admitsConcurrentRequestsOnlyUpToTheMonthlyBudgetAndRefusesTheRestAsBudgetExhausted() throws Exception {
        // Given an enterprise user (unlimited requests, 1000 USD a month) with room for exactly 50 more requests'
        // cost ceilings: one admitted request shows the ceiling, and the month's spend is set just below the cap
        String[] user = createUser("enterprise");
        assertThat(first.post("/api/v1/ai/sentiment", user[1], SENTIMENT).status())
                .isEqualTo(202);
        BigDecimal ceiling = jdbc.sql("SELECT cost_usd FROM cost.reservations WHERE user_id = :user")
                .param("user", user[0])
                .query(BigDecimal.class)
                .single();
        jdbc.sql("UPDATE cost.usage_ledger SET cost_usd = :spent WHERE user_id = :user")
                .param("spent", new BigDecimal("1000").subtract(ceiling.multiply(BigDecimal.valueOf(51))))
                .param("user", user[0])
                .update();

        // When 200 sentiment analyses arrive at once through the two gateways
        List<Reply> replies = concurrently(
                SUBMISSIONS, i -> (i % 2 == 0 ? first : other).post("/api/v1/ai/sentiment", user[1], SENTIMENT));

        // Then exactly 50 fit in the budget and 150 are refused with 402 budget_exhausted
        Map<Integer, Long> byStatus =
                replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(202, 50L, 402, 150L));
        Reply refused =
                replies.stream().filter(r -> r.status() == 402).findFirst().orElseThrow();
        assertThat(refused.body().get("code").asString()).isEqualTo("budget_exhausted");
        assertThat(refused.body().get("metric").asString()).isEqualTo("cost_usd");
        assertThat(refused.body().get("limit").decimalValue()).isEqualByComparingTo("1000");

        // And spent plus held is within the cap, short of it by less than one more request
        Map<String, Object> row = jdbc.sql(
                        "SELECT cost_usd, reserved_cost_usd FROM cost.usage_ledger WHERE user_id = :user")
                .param("user", user[0])
                .query()
                .singleRow();
        BigDecimal committed = ((BigDecimal) row.get("cost_usd")).add((BigDecimal) row.get("reserved_cost_usd"));
        assertThat(committed).isLessThanOrEqualTo(new BigDecimal("1000"));
        assertThat(new BigDecimal("1000").subtract(committed)).isLessThan(ceiling);
        assertThat((BigDecimal) row.get("reserved_cost_usd"))
                .isEqualByComparingTo(ceiling.multiply(BigDecimal.valueOf(51)));
        assertThat(count("SELECT count(*) FROM ai_requests WHERE user_id = :user", user[0]))
                .isEqualTo(51);
    }

    /** A new user of the tier, created through the admin API: their id and API key. */
    private String[] createUser(String tier) {
        Reply created = first.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                        {"name": "Quota test", "tier": "%s"}""".formatted(tier));
        assertThat(created.status()).isEqualTo(201);
        return new String[] {
            created.body().get("userId").asString(),
            created.body().get("apiKey").asString()
        };
    }

    private Map<String, Long> ledger(String userId) {
        return jdbc.sql("""
                        SELECT reserved_content_optimization, content_optimization
                        FROM cost.usage_ledger WHERE user_id = :user""")
                .param("user", userId)
                .query((rs, row) ->
                        Map.of("reserved_content_optimization", rs.getLong(1), "content_optimization", rs.getLong(2)))
                .single();
    }

    private long count(String sql, String userId) {
        return jdbc.sql(sql).param("user", userId).query(Long.class).single();
    }

    /** Runs n calls at once (as far as 64 threads allow) and returns every answer. */
    private static List<Reply> concurrently(int n, Function<Integer, Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
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
