package com.clientnest.gateway.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.schemas.topics.Topics;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The desk page's login and form protection, over plain HTTP as a forging site or a script would try it. */
@GatewayIntegrationTest
class OpsPageSecurityIT {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Topics topics;

    private ApiClient api;
    private HttpClient browser;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Test
    void givenNoSession_whenTheDeskIsOpened_thenItAsksForALoginAndALoginWithoutTheFormTokenIsRefused()
            throws Exception {
        // When
        HttpResponse<String> desk = get("/ops");
        HttpResponse<String> login = get("/ops/login");
        HttpResponse<String> forged = post("/ops/login", "apiKey=" + GatewayIntegrationTest.ADMIN_KEY);

        // Then
        assertThat(desk.statusCode()).isEqualTo(302);
        assertThat(desk.headers().firstValue("Location").orElse("")).endsWith("/ops/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie"))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Strict"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(get("/ops").statusCode()).isEqualTo(302);
    }

    @Test
    void givenALoggedInOperator_whenAReplayIsPostedWithoutTheFormToken_thenItIsRefusedAndTheLetterStaysOpen()
            throws Exception {
        // Given a dead letter, and an operator logged in on this client
        String requestId = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, """
                        {"text": "Is anyone there?"}""")
                .body()
                .get("requestId")
                .asString();
        var laneRecord = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> DeadLetters.rawRecordsWithKey(
                                topics.lanes().get(1).name(), requestId),
                        records -> !records.isEmpty())
                .getFirst();
        DeadLetters.deadLetter(topics.deadLetters().name(), laneRecord, "deepseek_bad_request");
        long id = await().atMost(Duration.ofSeconds(60)).until(() -> letterId(requestId), found -> found != null);
        String token = token(get("/ops/login").body());
        HttpResponse<String> loggedIn =
                post("/ops/login", "apiKey=" + GatewayIntegrationTest.ADMIN_KEY + "&_csrf=" + token);
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        // When a post arrives with the session cookie but a missing or wrong token
        HttpResponse<String> missing = post("/ops/letters/" + id + "/replay", "");
        HttpResponse<String> wrong = post("/ops/letters/" + id + "/replay", "_csrf=forged");

        // Then both are refused and nothing happened to the letter
        assertThat(List.of(missing.statusCode(), wrong.statusCode())).containsExactly(403, 403);
        assertThat(api.get("/api/v1/ops/dead-letters/" + id, GatewayIntegrationTest.ADMIN_KEY)
                        .body()
                        .get("summary")
                        .get("state")
                        .asString())
                .isEqualTo("OPEN");
        // And the token of the logged-in session is what makes a post count
        HttpResponse<String> genuine = post(
                "/ops/letters/" + id + "/replay",
                "_csrf=" + token(get("/ops/letters/" + id).body()));
        assertThat(genuine.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/ops/dead-letters/" + id, GatewayIntegrationTest.ADMIN_KEY)
                        .body()
                        .get("summary")
                        .get("state")
                        .asString())
                .isEqualTo("REPLAYED");
    }

    private Long letterId(String requestId) {
        for (var letter : api.get("/api/v1/ops/dead-letters?limit=200", GatewayIntegrationTest.ADMIN_KEY)
                .body()
                .get("deadLetters")) {
            if (requestId.equals(letter.get("requestId").asString())) {
                return letter.get("id").asLong();
            }
        }
        return null;
    }

    private static String token(String html) {
        Matcher matcher = TOKEN.matcher(html);
        assertThat(matcher.find()).as("a form token in the page").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
