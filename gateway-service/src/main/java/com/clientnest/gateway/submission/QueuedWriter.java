package com.clientnest.gateway.submission;

import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.cache.ResponseCache;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.outbox.Outbox.PreparedRecord;
import com.clientnest.gateway.submission.SubmissionRepository.QueuedRow;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Group commit of plain submissions (ADR 0006): the requests of concurrent submissions that go straight onto a lane
 * are stored, with their outbox events, in one transaction and one commit for as many as are waiting, instead of one
 * each. A writer takes whatever waits when it is free, so a lone submission is written at once; nothing is held back
 * to fill a batch.
 *
 * <p>Only the plain case is decided here: a request without an idempotency key whose cache key has neither an answer
 * nor a leader. The batch locks its cache keys (in lock order, waiting at most {@code lockWait}) and looks both up,
 * like a single submission; a
 * request whose key has an answer or a leader, or shares its key with an earlier one of the batch, is handed back
 * and stored by the single-submission code, which then finds that answer or leader. So is every request of a batch
 * that was rolled back for any other database error (a conflict, a lock wait, a refused row). A batch whose database
 * is out of reach, or whose commit failed, fails each of its submissions with that error, as their own transactions
 * would have; so does anything else unexpected.
 */
final class QueuedWriter implements AutoCloseable {

    static final String BATCH_SIZES = "clientnest.gateway.submission.batch";

    private static final Logger log = LoggerFactory.getLogger(QueuedWriter.class);

    private final TransactionOperations transactions;
    private final SubmissionRepository requests;
    private final Outbox outbox;
    private final CacheKeyLock keyLock;
    private final ResponseCache cache;
    private final int maxSize;
    private final Duration lockWait;
    private final DistributionSummary batchSizes;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    QueuedWriter(
            TransactionOperations transactions,
            SubmissionRepository requests,
            Outbox outbox,
            CacheKeyLock keyLock,
            ResponseCache cache,
            int maxSize,
            int writerCount,
            Duration lockWait,
            MeterRegistry meters) {
        this.transactions = transactions;
        this.requests = requests;
        this.outbox = outbox;
        this.keyLock = keyLock;
        this.cache = cache;
        this.maxSize = maxSize;
        this.lockWait = lockWait;
        this.batchSizes = DistributionSummary.builder(BATCH_SIZES)
                .description("Submissions stored in one transaction")
                .register(meters);
        for (int i = 1; i <= writerCount; i++) {
            writers.add(
                    Thread.ofPlatform().name("submission-writer-" + i).daemon().start(this::writeWhileRunning));
        }
    }

    /**
     * Stores the request as queued with its lane event in the outbox, once committed.
     *
     * @return false when nothing was stored and the single-submission code must decide the request
     * @throws RuntimeException the batch's error when it could not be committed, as the request's own transaction
     *     would have thrown it
     */
    boolean write(QueuedRow row, PreparedRecord event) {
        if (row.request().idempotencyKey() != null) {
            throw new IllegalArgumentException("Requests with an idempotency key are stored one by one");
        }
        Pending pending = new Pending(row, event, new CompletableFuture<>());
        if (!running) {
            return false;
        }
        waiting.add(pending);
        if (!running && waiting.remove(pending)) {
            return false;
        }
        try {
            // Not bounded here: a writer completes whatever it took, its lock waits are bounded by lockWait and its
            // connection by the pool's timeout, as a single submission's are.
            return pending.written().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Submissions waiting for a writer. */
    int waiting() {
        return waiting.size();
    }

    private void writeWhileRunning() {
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Pending> batch = new ArrayList<>(List.of(first));
                    waiting.drainTo(batch, maxSize - 1);
                    writeOrFail(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes the batch; whatever goes wrong, every caller in it gets an answer and the writer carries on. */
    private void writeOrFail(List<Pending> batch) {
        try {
            write(batch);
        } catch (Throwable e) {
            log.error("A submission writer failed on a batch of {}; it carries on", batch.size(), e);
            batch.forEach(pending -> pending.written().completeExceptionally(e));
        }
    }

    private void write(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<Pending> stored;
        try {
            stored = transactions.execute(status -> storePlain(batch));
        } catch (DataAccessResourceFailureException
                | QueryTimeoutException
                | CannotCreateTransactionException
                | TransactionSystemException e) {
            // The database is out of reach or the commit's outcome unknown (UnavailableHandler's 503s): each
            // submission fails as its own transaction would have, at once rather than after trying alone again.
            batch.forEach(pending -> pending.written().completeExceptionally(e));
            return;
        } catch (DataAccessException e) {
            // Rolled back whole (a conflict, a lock waited for longer than lockWait, a row refused): each is decided
            // again alone, where it gets its own answer.
            log.debug(
                    "A batch of {} submissions was rolled back; each is stored alone: {}", batch.size(), e.toString());
            batch.forEach(pending -> pending.written().complete(false));
            return;
        }
        Set<Pending> written = new HashSet<>(stored);
        batch.forEach(pending -> pending.written().complete(written.contains(pending)));
    }

    /** Stores those of the batch that are plain; returns them. Runs in the batch's transaction. */
    private List<Pending> storePlain(List<Pending> batch) {
        Set<String> keys = new LinkedHashSet<>();
        batch.stream()
                .map(pending -> pending.row().cacheKey())
                .filter(key -> key != null)
                .forEach(keys::add);
        Set<String> taken = new HashSet<>();
        if (!keys.isEmpty()) {
            // Held until commit, as by a single submission: an identical request arriving meanwhile waits, then finds
            // this batch's request as its leader.
            keyLock.lockAll(keys, lockWait);
            taken.addAll(cache.answered(keys));
            taken.addAll(requests.keysWithLeader(keys));
        }
        List<Pending> plain = new ArrayList<>();
        for (Pending pending : batch) {
            String key = pending.row().cacheKey();
            // The first of a key with neither answer nor leader leads; the rest follow it, alone, after this commit.
            if (key == null || taken.add(key)) {
                plain.add(pending);
            }
        }
        if (!plain.isEmpty()) {
            requests.insertQueuedAll(plain.stream().map(Pending::row).toList());
            outbox.appendAll(plain.stream().map(Pending::event).toList());
        }
        return plain;
    }

    /**
     * Stops taking submissions (those that come later are stored one by one) and lets the writers finish what
     * waits, so no caller is left without an answer.
     */
    @Override
    public void close() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(pending -> pending.written().complete(false));
    }

    private record Pending(QueuedRow row, PreparedRecord event, CompletableFuture<Boolean> written) {}
}
