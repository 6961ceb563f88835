package com.clientnest.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.clientnest.schemas.events.Lane;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PriorityPermitsTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Lane> grantOrder = new CopyOnWriteArrayList<>();

    @Test
    void aFreedPermitGoesToHighBeforeNormalBeforeLowWhateverTheArrivalOrder() throws Exception {
        // Given the only permit is taken and low, normal and high consumers queue up, in that order
        PriorityPermits permits = new PriorityPermits(1, Duration.ofSeconds(5), now::get);
        permits.acquire(Lane.NORMAL);
        List<Thread> waiters =
                List.of(waitFor(permits, Lane.LOW), waitFor(permits, Lane.NORMAL), waitFor(permits, Lane.HIGH));
        await().until(() -> waitingThreads(waiters) == 3);

        // When the permit is released three times
        for (int i = 0; i < 3; i++) {
            int granted = grantOrder.size();
            permits.release();
            await().until(() -> grantOrder.size() == granted + 1);
        }

        // Then
        assertThat(grantOrder).containsExactly(Lane.HIGH, Lane.NORMAL, Lane.LOW);
    }

    @Test
    void aLowConsumerThatWaitedPastTheStarvationThresholdIsServedBeforeHigh() throws Exception {
        // Given a low consumer has waited 6 s for the only permit when a high consumer arrives
        PriorityPermits permits = new PriorityPermits(1, Duration.ofSeconds(5), now::get);
        permits.acquire(Lane.HIGH);
        Thread low = waitFor(permits, Lane.LOW);
        await().until(() -> low.getState() == Thread.State.WAITING);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        Thread high = waitFor(permits, Lane.HIGH);
        await().until(() -> high.getState() == Thread.State.WAITING);

        // When
        permits.release();
        await().until(() -> grantOrder.size() == 1);

        // Then
        assertThat(grantOrder).containsExactly(Lane.LOW);
        permits.release();
        await().until(() -> grantOrder.size() == 2);
        assertThat(grantOrder).containsExactly(Lane.LOW, Lane.HIGH);
    }

    @Test
    void permitsAreGrantedAtOnceWhileCapacityIsFreeAndCountedInUse() throws Exception {
        PriorityPermits permits = new PriorityPermits(3, Duration.ofSeconds(5), now::get);

        permits.acquire(Lane.LOW);
        permits.acquire(Lane.LOW);

        assertThat(permits.inUse()).isEqualTo(2);
    }

    @Test
    void releasingMorePermitsThanWereTakenIsAProgrammingError() {
        PriorityPermits permits = new PriorityPermits(1, Duration.ofSeconds(5), now::get);

        assertThatThrownBy(permits::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueWithoutTakingAPermit() throws Exception {
        // Given
        PriorityPermits permits = new PriorityPermits(1, Duration.ofSeconds(5), now::get);
        permits.acquire(Lane.HIGH);
        Thread waiter = waitFor(permits, Lane.NORMAL);
        await().until(() -> waiter.getState() == Thread.State.WAITING);

        // When
        waiter.interrupt();
        waiter.join(Duration.ofSeconds(10).toMillis());
        permits.release();

        // Then
        assertThat(grantOrder).isEmpty();
        assertThat(permits.inUse()).isZero();
    }

    private Thread waitFor(PriorityPermits permits, Lane lane) {
        Thread thread = new Thread(() -> {
            try {
                permits.acquire(lane);
                grantOrder.add(lane);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long waitingThreads(List<Thread> threads) {
        return threads.stream()
                .filter(t -> t.getState() == Thread.State.WAITING)
                .count();
    }
}
