package com.clientnest.worker.processing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the lane consumer offers while one record is processed. A record is locked to this worker for a limited
 * time; the session keeps every wait inside that time and throws {@link BudgetExhausted} when the record must
 * be given back instead. A back-off gives this worker's capacity to other records meanwhile.
 */
public interface ProcessingSession {

    /** Waits for the future within the record's budget; rethrows the future's failure unwrapped. */
    <T> T await(CompletableFuture<T> future) throws InterruptedException;

    /** Waits the given time without holding a capacity permit, then waits for one again. */
    void backOff(Duration delay) throws InterruptedException;

    /** How often this record has been delivered, this delivery included. */
    int deliveryCount();

    /** The record's lock would expire before the work could finish. */
    final class BudgetExhausted extends RuntimeException {
        public BudgetExhausted(String message) {
            super(message);
        }
    }
}
