package com.clientnest.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.clientnest.gateway.GatewayIntegrationTest;
import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.cache.CachedAnswer;
import com.clientnest.gateway.cache.ResponseCache;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.outbox.Outbox.PreparedRecord;
import com.clientnest.gateway.submission.SubmissionRepository.NewRequest;
import com.clientnest.gateway.submission.SubmissionRepository.QueuedRow;
import com.clientnest.gateway.support.ApiClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of submissions on the real database: requests that arrive while a batch is being written are stored
 * together in the next one, each with its lane event in the outbox, and a request the batch must not decide (its
 * cache key has an answer or a leader, or a batch-mate took it first) is handed back with nothing stored for it.
 * The writer is held on a cache key's advisory lock, as a busy database would hold it, so what waits meanwhile is
 * known exactly.
 */
@GatewayIntegrationTest
class QueuedWriterIT {

    private static final String LANE = "ai.requests.normal";

    @LocalServerPort
    int port;

    @Autowired
    TransactionOperations transactions;

    @Autowired
    SubmissionRepository requests;

    @Autowired
    Outbox outbox;

    @Autowired
    CacheKeyLock keyLock;

    @Autowired
    ResponseCache cache;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService submitters = Executors.newCachedThreadPool();
    private QueuedWriter writer;
    private String userId;

    @BeforeEach
    void startOneWriter() {
        // The writer waits for a held key as long as a test needs to line a batch up behind it.
        writer = writer(transactions, Duration.ofSeconds(60));
        var created = new ApiClient(port)
                .post("/api/v1/admin/users", GatewayIntegrationTest.ADMIN_KEY, """
                {"name": "group commit %s", "tier": "professional"}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        userId = created.body().get("userId").asString();
    }

    @AfterEach
    void stop() {
        writer.close();
        submitters.shutdownNow();
    }

    @Test
    void givenSubmissionsArrivingWhileABatchIsWrittenThenTheNextBatchStoresThemAllWithTheirLaneEvents()
            throws Exception {
        // Given five submissions, three with cache keys of their own and two without
        List<QueuedRow> batch = List.of(
                row("free-" + UUID.randomUUID()),
                row(null),
                row("free-" + UUID.randomUUID()),
                row(null),
                row("free-" + UUID.randomUUID()));

        // When they arrive while the writer is busy with a first one
        List<Boolean> written = writeWhileTheWriterIsBusy(batch);

        // Then every one is stored, the first alone and the five together in one transaction
        assertThat(written).containsExactly(true, true, true, true, true);
        assertThat(batchSizes()).containsExactly(1.0, 5.0);
        // And each is QUEUED with exactly one lane event in the outbox
        List<UUID> ids = batch.stream().map(row -> row.request().id()).toList();
        assertThat(statuses(ids)).isEqualTo(Map.of("QUEUED", 5L));
        assertThat(laneEvents(ids)).containsExactlyInAnyOrderElementsOf(keysOf(ids));
    }

    @Test
    void givenKeysWithAnAnswerALeaderOrABatchMateThenOnlyTheFirstOfAFreeKeyIsStoredAndTheOthersAreHandedBack()
            throws Exception {
        // Given a key with a cached answer and a key whose request is in flight
        String answeredKey = "answered-" + UUID.randomUUID();
        cache.store(answeredKey, "sentiment", new CachedAnswer("{\"sentiment\":\"positive\"}", "m"), Instant.now());
        String ledKey = "led-" + UUID.randomUUID();
        QueuedRow leader = row(ledKey);
        assertThat(requests.insertQueued(leader.request(), ledKey)).isTrue();
        String freeKey = "free-" + UUID.randomUUID();
        List<QueuedRow> batch = List.of(row(answeredKey), row(ledKey), row(freeKey), row(freeKey), row(null));

        // When one batch gets a request of each key, the free key twice, and one without a key
        List<Boolean> written = writeWhileTheWriterIsBusy(batch);

        // Then the first of the free key and the one without a key are stored; the others are handed back, unstored
        assertThat(written).containsExactly(false, false, true, false, true);
        List<UUID> ids = batch.stream().map(row -> row.request().id()).toList();
        assertThat(statuses(ids)).isEqualTo(Map.of("QUEUED", 2L));
        assertThat(laneEvents(ids))
                .containsExactlyInAnyOrder(ids.get(2).toString(), ids.get(4).toString());
    }

    @Test
    void givenABatchThatCannotBeStoredWholeThenEveryRequestInItIsHandedBackAndNoneOfItIsKept() throws Exception {
        // Given a batch in which one request belongs to no user (the foreign key refuses it)
        QueuedRow orphan = new QueuedRow(request("no-such-user-" + UUID.randomUUID()), null);
        List<QueuedRow> batch = List.of(row(null), orphan, row("free-" + UUID.randomUUID()));

        // When it is written
        List<Boolean> written = writeWhileTheWriterIsBusy(batch);

        // Then each is handed back to be decided alone, and nothing of the batch was stored
        assertThat(written).containsExactly(false, false, false);
        List<UUID> ids = batch.stream().map(row -> row.request().id()).toList();
        assertThat(statuses(ids)).isEmpty();
        assertThat(laneEvents(ids)).isEmpty();
    }

    @Test
    void givenACacheKeyHeldLongerThanTheLockWaitThenItsBatchIsHandedBackInsteadOfWaitingForIt() throws Exception {
        // Given a writer that waits at most 200 ms for a key, and a key held by a slow transaction
        writer.close();
        writer = writer(transactions, Duration.ofMillis(200));
        String heldKey = "held-" + UUID.randomUUID();
        QueuedRow row = row(heldKey);

        try (Connection holder = holdLock(heldKey)) {
            // When a request with that key is written
            Future<Boolean> written = submit(row);

            // Then it is handed back while the key is still held, to wait for it alone, and nothing is stored
            assertThat(written.get(30, TimeUnit.SECONDS)).isFalse();
            holder.rollback();
        }
        assertThat(statuses(List.of(row.request().id()))).isEmpty();
    }

    @Test
    void givenTheDatabaseOutOfReachThenEverySubmissionOfTheBatchFailsWithTheOutageAsItsOwnTransactionWould() {
        // Given a writer whose transactions need a database nobody answers on
        var unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "x");
        writer.close();
        writer = writer(new TransactionTemplate(new DataSourceTransactionManager(unreachable)), Duration.ofSeconds(1));
        QueuedRow row = row(null);

        // When a request is written
        Future<Boolean> written = submit(row);

        // Then its caller gets the failure the gateway answers with 503, and nothing is stored
        assertThatThrownBy(() -> written.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CannotCreateTransactionException.class);
        assertThat(statuses(List.of(row.request().id()))).isEmpty();
    }

    private QueuedWriter writer(TransactionOperations transactions, Duration lockWait) {
        return new QueuedWriter(transactions, requests, outbox, keyLock, cache, 100, 1, lockWait, meters);
    }

    private Future<Boolean> submit(QueuedRow row) {
        PreparedRecord event = new PreparedRecord(
                LANE,
                row.request().id().toString(),
                row.request().id().toString().getBytes(StandardCharsets.UTF_8),
                null);
        return submitters.submit(() -> writer.write(row, event));
    }

    /**
     * Holds the writer on a first submission's cache key, lines the batch up behind it in this order, then lets it
     * go; the answers of the batch, in its order.
     */
    private List<Boolean> writeWhileTheWriterIsBusy(List<QueuedRow> batch) throws Exception {
        String heldKey = "held-" + UUID.randomUUID();
        List<Future<Boolean>> answers;
        try (Connection holder = holdLock(heldKey)) {
            Future<Boolean> first = submit(row(heldKey));
            awaitWriterWaitingForALock();
            answers = submitInTurn(batch);
            holder.commit();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Boolean> written = new ArrayList<>();
        for (Future<Boolean> answer : answers) {
            written.add(answer.get(30, TimeUnit.SECONDS));
        }
        return written;
    }

    /** Submits each once the one before waits in the writer's queue, so they wait in this order. */
    private List<Future<Boolean>> submitInTurn(List<QueuedRow> rows) {
        List<Future<Boolean>> answers = new ArrayList<>();
        for (QueuedRow row : rows) {
            int before = writer.waiting();
            answers.add(submit(row));
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.waiting() == before + 1);
        }
        return answers;
    }

    /** Holds the key's advisory lock in a transaction of the test's own until the connection is committed. */
    private Connection holdLock(String cacheKey) throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            statement.setString(1, cacheKey);
            statement.execute();
        }
        return connection;
    }

    private void awaitWriterWaitingForALock() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                                .query(Long.class)
                                .single()
                        > 0);
    }

    private List<Double> batchSizes() {
        var summary = meters.get(QueuedWriter.BATCH_SIZES).summary();
        // One writer records its batches in order; two batches here, so the total and the maximum tell both.
        assertThat(summary.count()).isEqualTo(2);
        return List.of(summary.totalAmount() - summary.max(), summary.max());
    }

    private Map<String, Long> statuses(java.util.Collection<UUID> ids) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM ai_requests WHERE id IN (:ids) GROUP BY status")
                .param("ids", List.copyOf(ids))
                .query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
                .list();
        return counts;
    }

    private List<String> laneEvents(java.util.Collection<UUID> ids) {
        return jdbc.sql("SELECT record_key FROM outbox WHERE topic = :lane AND record_key IN (:keys)")
                .param("lane", LANE)
                .param("keys", keysOf(ids))
                .query(String.class)
                .list();
    }

    private static List<String> keysOf(java.util.Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private QueuedRow row(String cacheKey) {
        return new QueuedRow(request(userId), cacheKey);
    }

    private static NewRequest request(String userId) {
        return new NewRequest(
                UUID.randomUUID(),
                userId,
                "sentiment",
                "normal",
                50,
                "{\"text\":\"group commit\"}",
                null,
                3,
                Instant.now(),
                UUID.randomUUID(),
                "fingerprint");
    }
}
