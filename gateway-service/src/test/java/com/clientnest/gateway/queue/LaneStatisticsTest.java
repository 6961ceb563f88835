package com.clientnest.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.queue.LaneStatisticsRepository.LaneCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LaneStatisticsTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final MovableClock clock = new MovableClock();

    @Test
    void givenAQueryThatTookLongerThanAFiftiethOfTheRefreshThenTheFiguresAreKeptTwentyTimesAsLongAsItTook() {
        // Given a backlog so long that counting it takes at least 100 ms
        StubRepository repository = new StubRepository(Duration.ofMillis(100), null);
        LaneStatistics statistics = statistics(repository);

        // When the figures are measured
        LaneStatistics.Snapshot snapshot = statistics.current();

        // Then they are measured again no sooner than 2 s later, not after the 1 s refresh
        assertThat(Duration.between(snapshot.measuredAt(), snapshot.refreshAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(1500));
        assertThat(statistics.current()).isSameAs(snapshot);
        assertThat(repository.queries.get()).isEqualTo(1);
    }

    @Test
    void givenAQuickQueryThenTheFiguresAreMeasuredAgainAfterTheRefresh() {
        // Given
        StubRepository repository = new StubRepository(Duration.ZERO, null);
        LaneStatistics statistics = statistics(repository);
        LaneStatistics.Snapshot first = statistics.current();

        // When asked again after the refresh of 1 s
        clock.advance(Duration.ofMillis(1001));
        LaneStatistics.Snapshot second = statistics.current();

        // Then
        assertThat(first.refreshAt()).isEqualTo(START.plusSeconds(1));
        assertThat(second.measuredAt()).isEqualTo(START.plusMillis(1001));
        assertThat(repository.queries.get()).isEqualTo(2);
    }

    @Test
    void givenOneCallerMeasuringWhenAnotherAsksThenItGetsTheFiguresBeforeAtOnceInsteadOfWaiting() throws Exception {
        // Given figures measured once, and a second measurement held in the database
        CountDownLatch release = new CountDownLatch(1);
        StubRepository repository = new StubRepository(Duration.ZERO, release);
        LaneStatistics statistics = statistics(repository);
        repository.holdFromQuery = 2;
        LaneStatistics.Snapshot first = statistics.current();
        clock.advance(Duration.ofSeconds(2));
        CompletableFuture<LaneStatistics.Snapshot> measuring = CompletableFuture.supplyAsync(statistics::current);
        repository.held.await(10, TimeUnit.SECONDS);

        // When another caller asks meanwhile
        LaneStatistics.Snapshot meanwhile = statistics.current();

        // Then it is answered from the figures before, and the measuring caller gets the new ones
        assertThat(meanwhile).isSameAs(first);
        release.countDown();
        LaneStatistics.Snapshot fresh = measuring.get(10, TimeUnit.SECONDS);
        assertThat(fresh.measuredAt()).isEqualTo(START.plusSeconds(2));
        assertThat(statistics.current()).isSameAs(fresh);
    }

    private LaneStatistics statistics(StubRepository repository) {
        return new LaneStatistics(
                repository,
                clock,
                new QueueProperties(Duration.ofMinutes(5), Duration.ofSeconds(1)),
                new GatewayProperties(null, null, null, null, new GatewayProperties.Estimate(3, 4)));
    }

    /** Answers one queued request on the normal lane, taking the given time, or holding the chosen query. */
    private static final class StubRepository extends LaneStatisticsRepository {

        final AtomicInteger queries = new AtomicInteger();
        final CountDownLatch held = new CountDownLatch(1);
        private final Duration takes;
        private final CountDownLatch release;
        volatile int holdFromQuery = Integer.MAX_VALUE;

        StubRepository(Duration takes, CountDownLatch release) {
            super(null);
            this.takes = takes;
            this.release = release;
        }

        @Override
        List<LaneCounts> counts(Instant windowStart) {
            int query = queries.incrementAndGet();
            try {
                Thread.sleep(takes.toMillis());
                if (query >= holdFromQuery) {
                    held.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new LaneCounts("normal", 1, START, 0, 0));
        }
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
