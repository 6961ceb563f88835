package com.clientnest.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.quota.CostServiceClient.Answer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the batcher groups admissions, gives up in time and cleans up after itself. The cost service is a small HTTP
 * server here that answers the batch endpoint as the real one does, so its timing can be steered; the real one is in
 * {@code QuotaAdmissionIT} and the cost service's {@code BatchAdmissionIT}.
 */
class ReservationBatcherTest {

    private static final Duration WAIT_LIMIT = Duration.ofMillis(850);

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<String> released = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch holdFirstBatch = new CountDownLatch(0);
    private volatile Duration delay = Duration.ZERO;
    private volatile int batchStatus = 200;
    private HttpServer costService;
    private ReservationBatcher batcher;

    @AfterEach
    void stop() {
        holdFirstBatch.countDown();
        if (batcher != null) {
            batcher.close();
        }
        if (costService != null) {
            costService.stop(0);
        }
    }

    @Test
    void admissionsArrivingWhileACallIsUnderWayGoTogetherInTheNextCall() throws Exception {
        // Given one sender, whose first call the cost service holds
        start(1);
        holdFirstBatch = new CountDownLatch(1);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Answer> first = callers.submit(() -> batcher.reserve(admission("r0"), null));
            await().atMost(Duration.ofSeconds(5)).until(() -> batchSizes.size() == 1);

            // When ten more admissions arrive meanwhile, and then the first call is answered
            List<Future<Answer>> more = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String requestId = "r" + i;
                more.add(callers.submit(() -> batcher.reserve(admission(requestId), null)));
            }
            Thread.sleep(100);
            holdFirstBatch.countDown();

            // Then the ten go in one call, and each caller gets the answer to its own admission
            List<String> reservations = new ArrayList<>();
            reservations.add(reservationOf(first.get(5, TimeUnit.SECONDS)));
            for (Future<Answer> answer : more) {
                reservations.add(reservationOf(answer.get(5, TimeUnit.SECONDS)));
            }
            assertThat(batchSizes).isEqualTo(List.of(1, 10));
            assertThat(reservations)
                    .isEqualTo(IntStream.rangeClosed(0, 10)
                            .mapToObj(i -> "201 " + reservationFor("r" + i))
                            .toList());
        }
    }

    @Test
    void aCallerThatGaveUpIsRefusedAndTheReservationGrantedAfterwardsIsGivenBack() throws Exception {
        // Given a cost service that answers only after the caller's wait limit
        start(1);
        delay = WAIT_LIMIT.plusSeconds(3);

        // When a submission asks for admission
        long started = System.nanoTime();
        assertThatThrownBy(() -> batcher.reserve(admission("late"), null))
                // Then it is refused as unavailable once its wait limit is over, not when the answer comes
                .isInstanceOf(CostServiceUnavailable.class)
                .hasMessageContaining("did not answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(delay);
        // and the reservation granted after it gave up is released
        await().atMost(Duration.ofSeconds(10)).until(() -> released.equals(List.of(reservationFor("late"))));
    }

    @Test
    void aBatchWhoseAnswerCameTooLateForItsCallIsAskedAgainAndWhatItWasGrantedIsReleased() throws Exception {
        // Given a cost service that answers the first batch only after the call's own time limit
        start(1, Duration.ofMillis(300));
        holdFirstBatch = new CountDownLatch(1);

        // When a submission asks for admission
        assertThatThrownBy(() -> batcher.reserve(admission("slow"), null))
                // Then it is refused as unavailable
                .isInstanceOf(CostServiceUnavailable.class)
                .hasMessage("The cost service did not answer in time");
        // and the batch is asked for again, and the reservation that answer grants is released, as the caller has gone
        await().atMost(Duration.ofSeconds(10)).until(() -> released.equals(List.of(reservationFor("slow"))));
        assertThat(batchSizes).isEqualTo(List.of(1, 1));
    }

    @Test
    void aBatchTheCostServiceCannotAnswerRefusesEachOfItsAdmissionsAsUnavailable() {
        // Given a cost service that fails the batch
        start(2);
        batchStatus = 500;

        // When a submission asks for admission, then it is refused as unavailable, naming the answer
        assertThatThrownBy(() -> batcher.reserve(admission("failed"), null))
                .isInstanceOf(CostServiceUnavailable.class)
                .hasMessage("The cost service answered 500 (internal) to a batch of admissions");
    }

    private void start(int senders) {
        start(senders, Duration.ofSeconds(10));
    }

    private void start(int senders, Duration callTimeout) {
        try {
            costService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        costService.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        costService.createContext("/internal/v1/reservations/batch", this::answerBatch);
        costService.createContext("/internal/v1/reservations/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            released.add(path.substring(path.lastIndexOf('/') + 1));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        costService.start();
        QuotaProperties properties = new QuotaProperties(
                URI.create("http://127.0.0.1:" + costService.getAddress().getPort()),
                "token",
                Duration.ofMillis(250),
                callTimeout,
                Duration.ofSeconds(5),
                new QuotaProperties.Estimate(400, 200, 500, 800),
                new QuotaProperties.Batch(100, senders));
        CostServiceClient client = new CostServiceClient(properties, json, Tracer.NOOP, Propagator.NOOP);
        batcher = new ReservationBatcher(client, 100, senders, WAIT_LIMIT, new SimpleMeterRegistry());
    }

    /** Grants every admission a reservation derived from its request id, as the batch endpoint answers. */
    private void answerBatch(HttpExchange exchange) throws IOException {
        JsonNode admissions = json.readTree(exchange.getRequestBody()).path("admissions");
        boolean first = batchSizes.isEmpty();
        batchSizes.add(admissions.size());
        try {
            if (first) {
                holdFirstBatch.await(10, TimeUnit.SECONDS);
            }
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (JsonNode admission : admissions) {
            String requestId = admission.path("request").path("requestId").asString();
            answers.add(Map.of("status", 201, "body", Map.of("reservationId", reservationFor(requestId))));
        }
        byte[] body = batchStatus == 200
                ? json.writeValueAsBytes(Map.of("answers", answers))
                : "{\"code\":\"internal\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(batchStatus, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, Object> admission(String requestId) {
        return Map.of("userId", "u", "requestId", requestId, "type", "SENTIMENT_ANALYSIS");
    }

    private static String reservationFor(String requestId) {
        return UUID.nameUUIDFromBytes(requestId.getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String reservationOf(Answer answer) {
        return answer.status() + " " + answer.body().path("reservationId").asString();
    }
}
