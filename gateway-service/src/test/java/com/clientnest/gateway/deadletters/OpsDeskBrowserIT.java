package com.clientnest.gateway.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.support.ApiClient;
import com.clientnest.gateway.support.ApiClient.Reply;
import com.clientnest.gateway.support.KafkaTestClients;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ops desk page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): an operator logs
 * in, finds a request dead-lettered through the real broker, replays it and sees it complete. Skipped, saying so,
 * only where no Chromium or chromedriver can be found. Leaves a screenshot in {@code target/ops-desk.png}.
 */
@GatewayIntegrationTest
class OpsDeskBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SCREENSHOT = "ops-desk.png";

    @LocalServerPort
    int port;

    @Autowired
    Topics topics;

    private ApiClient api;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
        Optional<Path> chromedriver = executable("chromedriver");
        assumeTrue(
                chromium.isPresent() && chromedriver.isPresent(),
                "No headless browser found (chromium: " + chromium.isPresent() + ", chromedriver: "
                        + chromedriver.isPresent()
                        + "); install Debian's chromium and chromium-driver to run the ops desk browser test");
        api = new ApiClient(port);
        // The profile goes under the build's temporary directory, never /tmp.
        Path profile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1100",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorLogsInFindsADeadLetteredRequestReplaysItAndSeesItComplete() throws IOException {
        // Given an ops user, and a request whose lane record a worker moved to the dead-letter topic
        String opsKey = api.post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                        {"name": "Dana from ops", "tier": "free", "role": "ops"}""")
                .body()
                .get("apiKey")
                .asString();
        Reply submitted = api.post("/api/v1/ai/sentiment", GatewayIntegrationTest.DEV_USER_KEY, """
                {"text": "My order arrived broken, what now?"}""");
        String requestId = submitted.body().get("requestId").asString();
        var laneRecord = await().atMost(PATIENCE)
                .until(
                        () -> DeadLetters.rawRecordsWithKey(
                                topics.lanes().get(1).name(), requestId),
                        records -> !records.isEmpty())
                .getFirst();
        DeadLetters.deadLetter(topics.deadLetters().name(), laneRecord, "retries_exhausted");
        await().atMost(PATIENCE)
                .until(() -> api.get("/api/v1/ai/requests/" + requestId, GatewayIntegrationTest.DEV_USER_KEY)
                        .body()
                        .get("status")
                        .asString()
                        .equals("DEAD_LETTERED"));

        // When the operator opens the desk, which asks them to log in first
        browser.get(url("/ops"));
        assertThat(browser.getCurrentUrl()).endsWith("/ops/login");
        browser.findElement(By.id("apiKey")).sendKeys(opsKey);
        browser.findElement(By.id("login")).click();

        // And filters by reason and inspects the letter of that request
        browser.findElement(By.id("reason")).sendKeys("retries_exhausted");
        browser.findElement(By.id("apply")).click();
        WebElement row = browser.findElement(By.cssSelector("tr.letter[data-request-id='" + requestId + "']"));
        assertThat(row.getText()).contains("ai.requests.dlt", "retries_exhausted", "sentiment", "dev", "OPEN");
        row.findElement(By.cssSelector("a.inspect")).click();
        assertThat(browser.findElement(By.id("event")).getText())
                .contains(requestId, "My order arrived broken, what now?");
        assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("DEAD_LETTERED");

        // And replays it
        browser.findElement(By.id("replay")).click();

        // Then the request is queued again and the letter is marked replayed by them
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("Replayed");
        assertThat(browser.findElement(By.id("letter-state")).getText()).isEqualTo("REPLAYED");
        assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("QUEUED");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("Dana from ops", "replay");

        // When the worker completes the replayed request
        KafkaTestClients.publish(topics.results().name(), requestId, ResultEvents.sentimentCompleted(requestId, "dev"));

        // Then the desk shows it completed
        await().atMost(PATIENCE).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("COMPLETED");
        });
        screenshot();
    }

    private void screenshot() throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", SCREENSHOT), StandardCopyOption.REPLACE_EXISTING);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Optional<Path> executable(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(names)
                .flatMap(name -> Stream.concat(
                        Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)),
                        Stream.of(Path.of("/usr/bin", name), Path.of("/usr/lib/chromium", name))))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
