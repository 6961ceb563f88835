package com.clientnest.worker.capacity;

import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.DeepSeekException;
import com.clientnest.worker.deepseek.DeepSeekFault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * resilience4j's circuit breaker in front of DeepSeek. Sustained outage faults (5xx, timeouts, unreachable, 429)
 * open it by failure rate; an account fault (401, 402) opens it at once, since every call would fail the same
 * way until an operator acts. While it is open the worker fetches nothing; after a wait that doubles while probes
 * keep failing, it lets a few probe calls through, and one success closes it.
 */
final class DeepSeekBreaker {

    private static final Logger log = LoggerFactory.getLogger(DeepSeekBreaker.class);

    private final CircuitBreaker breaker;

    DeepSeekBreaker(WorkerProperties.Breaker settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitIntervalFunctionInOpenState(
                        IntervalFunction.ofExponentialBackoff(settings.openWait(), 2.0, settings.maxOpenWait()))
                .permittedNumberOfCallsInHalfOpenState(settings.probes())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(
                        e -> e instanceof DeepSeekException d && d.fault().isOutage())
                .build();
        this.breaker = CircuitBreaker.of("deepseek", config);
    }

    void onStateChange(Runnable listener) {
        breaker.getEventPublisher().onStateTransition(event -> {
            log.info("DeepSeek circuit breaker: {}", event.getStateTransition());
            listener.run();
        });
    }

    boolean tryAcquirePermission() {
        return breaker.tryAcquirePermission();
    }

    void releasePermission() {
        breaker.releasePermission();
    }

    void succeeded(long nanos) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(long nanos, DeepSeekException failure) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        if (failure.fault() == DeepSeekFault.ACCOUNT) {
            log.error(
                    "OPERATOR ACTION NEEDED: DeepSeek refused the account ({}). Check DEEPSEEK_API_KEY and the account's"
                            + " balance; the worker has stopped taking requests and will probe DeepSeek until it"
                            + " answers again. No request is dead-lettered for this.",
                    failure.getMessage());
            CircuitBreaker.State state = breaker.getState();
            if (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN) {
                breaker.transitionToOpenState();
            }
        }
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    boolean allowsIntake() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    boolean closed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    boolean halfOpen() {
        return breaker.getState() == CircuitBreaker.State.HALF_OPEN;
    }
}
