package com.clientnest.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.clientnest.schemas.events.Lane;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PriorityPermitsTest {

    private final AtomicInteger capacity = new AtomicInteger();
    private final List<String> grants = new CopyOnWriteArrayList<>();

    @Test
    void aFreedBatchGoesToHighBeforeNormalBeforeLowWhateverTheArrivalOrder() throws Exception {
        // Given all of a capacity of 2 is taken and low, normal and high consumers queue up for batches of 2
        PriorityPermits permits = permits(2);
        permits.acquire(Lane.NORMAL, 2);
        List<Thread> waiters = List.of(
                waitFor(permits, Lane.LOW, 2), waitFor(permits, Lane.NORMAL, 2), waitFor(permits, Lane.HIGH, 2));
        await().until(() -> waiting(waiters) == 3);

        // When the batch is released three times, each time by the lane that holds it
        for (Lane holder : List.of(Lane.NORMAL, Lane.HIGH, Lane.NORMAL)) {
            int granted = grants.size();
            permits.release(holder, 2);
            await().until(() -> grants.size() == granted + 1);
        }

        // Then
        assertThat(grants).containsExactly("HIGH:2", "NORMAL:2", "LOW:2");
    }

    @Test
    void aBatchIsGrantedWholeOnlyOnceEnoughCapacityIsFreeAndNobodyOvertakesIt() throws Exception {
        // Given 8 of 10 in use and a high consumer waiting for a batch of 5
        PriorityPermits permits = permits(10);
        permits.acquire(Lane.HIGH, 8);
        Thread high = waitFor(permits, Lane.HIGH, 5);
        await().until(() -> high.getState() == Thread.State.WAITING);
        Thread low = waitFor(permits, Lane.LOW, 1);
        await().until(() -> low.getState() == Thread.State.WAITING);

        // When 2 are freed, 4 are free: not enough for the batch, and the low consumer may not slip past it
        permits.release(Lane.HIGH, 2);
        Thread.sleep(100);
        assertThat(grants).isEmpty();

        // Then once 5 are free the batch is granted, and the low consumer gets the rest. Both are granted by the same
        // release, so the order in which the two threads wake up and record it is the scheduler's, not the permits'.
        permits.release(Lane.HIGH, 2);
        await().until(() -> grants.size() == 2);
        assertThat(grants).containsExactlyInAnyOrder("HIGH:5", "LOW:1");
        assertThat(permits.inUse()).isEqualTo(10);
    }

    @Test
    void aLowLaneBelowItsMinimumShareIsServedBeforeHighAndOnlyUpToThatShare() throws Exception {
        // Given all of a capacity of 10 is held by the high lane, and a low waiter came before more high ones
        capacity.set(10);
        PriorityPermits permits = new PriorityPermits(capacity::get, Map.of(Lane.NORMAL, 0.2, Lane.LOW, 0.1));
        permits.acquire(Lane.HIGH, 10);
        Thread low = waitFor(permits, Lane.LOW, 1);
        await().until(() -> low.getState() == Thread.State.WAITING);
        Thread secondLow = waitFor(permits, Lane.LOW, 1);
        await().until(() -> secondLow.getState() == Thread.State.WAITING);
        Thread high = waitFor(permits, Lane.HIGH, 1);
        await().until(() -> high.getState() == Thread.State.WAITING);

        // When two permits come free
        permits.release(Lane.HIGH, 1);
        await().until(() -> grants.size() == 1);
        permits.release(Lane.HIGH, 1);
        await().until(() -> grants.size() == 2);

        // Then low gets its 10 % (one permit) first, and the next goes to high again
        assertThat(grants).containsExactly("LOW:1", "HIGH:1");
    }

    @Test
    void aBatchLargerThanTheWholeCapacityIsGrantedTheCapacity() throws Exception {
        PriorityPermits permits = permits(3);

        assertThat(permits.acquire(Lane.LOW, 250)).isEqualTo(3);
        assertThat(permits.inUse()).isEqualTo(3);
    }

    @Test
    void nothingIsGrantedWhileTheCapacityIsZeroAndWaitersAreServedWhenItGrows() throws Exception {
        // Given the capacity is 0 (breaker open, or no fleet share yet)
        PriorityPermits permits = permits(0);
        Thread waiter = waitFor(permits, Lane.NORMAL, 100);
        await().until(() -> waiter.getState() == Thread.State.WAITING);
        assertThat(permits.tryAcquire(Lane.HIGH, 1, Duration.ofMillis(50))).isZero();

        // When
        capacity.set(40);
        permits.capacityChanged();

        // Then
        await().until(() -> grants.size() == 1);
        assertThat(grants).containsExactly("NORMAL:40");
    }

    @Test
    void releasingMorePermitsThanWereTakenIsAProgrammingError() {
        PriorityPermits permits = permits(1);

        assertThatThrownBy(() -> permits.release(Lane.LOW, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueWithoutTakingAPermit() throws Exception {
        // Given
        PriorityPermits permits = permits(1);
        permits.acquire(Lane.HIGH, 1);
        Thread waiter = waitFor(permits, Lane.NORMAL, 1);
        await().until(() -> waiter.getState() == Thread.State.WAITING);

        // When
        waiter.interrupt();
        waiter.join(Duration.ofSeconds(10).toMillis());
        permits.release(Lane.HIGH, 1);

        // Then
        assertThat(grants).isEmpty();
        assertThat(permits.inUse()).isZero();
    }

    /** Strict priority: no minimum shares. */
    private PriorityPermits permits(int initialCapacity) {
        capacity.set(initialCapacity);
        return new PriorityPermits(capacity::get, Map.of());
    }

    private Thread waitFor(PriorityPermits permits, Lane lane, int batch) {
        Thread thread = new Thread(() -> {
            try {
                int granted = permits.acquire(lane, batch);
                grants.add(lane + ":" + granted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long waiting(List<Thread> threads) {
        return threads.stream()
                .filter(t -> t.getState() == Thread.State.WAITING)
                .count();
    }
}
