package com.clientnest.worker.processing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the lane consumer offers while one record is processed. A record is locked to this worker for a limited
 * time; the session keeps every wait inside that time and throws {@link BudgetExhausted} when the record must
 * be given back instead.
 */
public interface ProcessingSession {

    /** Waits for the future within the record's budget; rethrows the future's failure unwrapped. */
    <T> T await(CompletableFuture<T> future) throws InterruptedException;

    /**
     * How long the next DeepSeek call may take: what is left of the record's budget, but at most the configured
     * request timeout. Throws {@link BudgetExhausted} when too little is left for a call to be worth starting.
     */
    Duration timeForOneCall();

    /** What is left of the record's budget. */
    Duration timeLeft();

    /** Waits, keeping this record and its capacity; throws {@link BudgetExhausted} if the budget would run out. */
    void sleep(Duration delay) throws InterruptedException;

    /** How often this record has been delivered, this delivery included. */
    int deliveryCount();

    /** The record's lock would expire before the work could finish. */
    final class BudgetExhausted extends RuntimeException {
        public BudgetExhausted(String message) {
            super(message);
        }
    }
}
