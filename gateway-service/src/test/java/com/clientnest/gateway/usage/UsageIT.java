package com.clientnest.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The caller's usage, the admin's view of it, and the admin's lifecycle operations on a user. */
@GatewayIntegrationTest
class UsageIT {

    private static final String OPTIMIZATION = """
            {"content": "New colours for autumn", "platform": "instagram", "optimizationType": "engagement"}""";

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    @Test
    void showsTheCallerWhatTheirRequestsInProgressHoldAndWhatRemains() {
        // Given a free user with one optimisation accepted and not yet settled
        String[] user = createUser("free");
        assertThat(api.post("/api/v1/ai/optimization", user[1], OPTIMIZATION).status())
                .isEqualTo(202);

        // When
        Reply usage = api.get("/api/v1/usage", user[1]);

        // Then: limit 5, none used, one held, four left; the held tokens are its estimate
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.body().get("userId").asString()).isEqualTo(user[0]);
        assertThat(usage.body().get("tier").asString()).isEqualTo("FREE");
        assertThat(usage.body().get("month").asString())
                .isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(usage.body().get("metrics").get("contentOptimization")).isEqualTo(api.json("""
                {"limit": 5, "used": 0, "reserved": 1, "percentage": 0.0, "remaining": 4}"""));
        // 400 template + 22 bytes of content + 500 completion
        assertThat(usage.body().get("metrics").get("tokens").get("reserved").asInt())
                .isEqualTo(922);
        assertThat(usage.body().get("warnings")).isEqualTo(api.json("[]"));
    }

    @Test
    void answersAMalformedMonthWithAValidationProblem() {
        String[] user = createUser("free");

        Reply usage = api.get("/api/v1/usage?month=2026-13", user[1]);

        assertThat(usage.status()).isEqualTo(400);
        assertThat(usage.body().get("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void appliesANewTierToTheNextRequestAndShowsItToTheAdmin() {
        // Given a free user who has used up their 5 optimisations
        String[] user = createUser("free");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/ai/optimization", user[1], OPTIMIZATION)
                            .status())
                    .isEqualTo(202);
        }
        assertThat(api.post("/api/v1/ai/optimization", user[1], OPTIMIZATION).status())
                .isEqualTo(429);

        // When the admin moves them to the starter tier
        Reply changed = api.patch("/api/v1/admin/users/" + user[0], GatewayIntegrationTest.ADMIN_KEY, """
                {"tier": "starter"}""");

        // Then the next request is admitted under the starter limit of 50, which the admin's view shows
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(api.json("""
                {"userId": "%s", "name": "Lifecycle", "tier": "starter", "disabled": false}""".formatted(user[0])));
        assertThat(api.post("/api/v1/ai/optimization", user[1], OPTIMIZATION).status())
                .isEqualTo(202);
        Reply adminView = api.get("/api/v1/admin/users/" + user[0] + "/usage", GatewayIntegrationTest.ADMIN_KEY);
        assertThat(adminView.status()).isEqualTo(200);
        assertThat(adminView.body().get("tier").asString()).isEqualTo("STARTER");
        assertThat(adminView.body().get("metrics").get("contentOptimization")).isEqualTo(api.json("""
                {"limit": 50, "used": 0, "reserved": 6, "percentage": 0.0, "remaining": 44}"""));
    }

    @Test
    void stopsTheOldKeyAtOnceWhenTheAdminRotatesIt() {
        // Given a user and their key
        String[] user = createUser("starter");

        // When the admin rotates it
        Reply rotated = api.post("/api/v1/admin/users/" + user[0] + "/key", GatewayIntegrationTest.ADMIN_KEY, "");

        // Then the old key is refused and the new one works
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.body().get("apiKey").asString();
        assertThat(newKey).isNotEqualTo(user[1]);
        assertThat(api.get("/api/v1/usage", user[1]).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/usage", newKey).status()).isEqualTo(200);
    }

    @Test
    void refusesADisabledUsersKey() {
        // Given a user
        String[] user = createUser("business");

        // When the admin disables them
        Reply disabled = api.post("/api/v1/admin/users/" + user[0] + "/disable", GatewayIntegrationTest.ADMIN_KEY, "");

        // Then
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("disabled").asBoolean()).isTrue();
        Reply refused = api.post("/api/v1/ai/optimization", user[1], OPTIMIZATION);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void answersAnUnknownUserOfTheAdminWithNotFound() {
        Reply reply = api.patch("/api/v1/admin/users/nobody", GatewayIntegrationTest.ADMIN_KEY, """
                {"tier": "starter"}""");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("code").asString()).isEqualTo("not_found");
    }

    private String[] createUser(String tier) {
        Reply created = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "Lifecycle", "tier": "%s"}""".formatted(tier));
        assertThat(created.status()).isEqualTo(201);
        return new String[] {
            created.body().get("userId").asString(),
            created.body().get("apiKey").asString()
        };
    }
}
