package com.clientnest.worker.processing;

import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.kafka.TraceHeaders;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.topics.DeadLetterReason;
import com.clientnest.schemas.topics.LaneHeaders;
import com.clientnest.worker.cancellation.CancelledRequests;
import com.clientnest.worker.capacity.WorkerCapacity;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.ChatCompletion;
import com.clientnest.worker.deepseek.ChatRequest;
import com.clientnest.worker.deepseek.DeepSeekClient;
import com.clientnest.worker.deepseek.DeepSeekException;
import com.clientnest.worker.processing.FailurePolicy.Failure;
import com.clientnest.worker.processing.FailurePolicy.Kind;
import com.clientnest.worker.processing.FailurePolicy.Verdict;
import com.clientnest.worker.prompt.PromptFactory;
import com.clientnest.worker.publishing.OutcomePublisher;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Processes one request from a lane, blocking, on its own virtual thread: prompt, DeepSeek call within the
 * instance's capacity, retries, result, usage. Every path ends in a published outcome, the record back on its
 * lane, or the dead-letter topic, as {@link FailurePolicy} decides, so no request taken from a lane is lost.
 */
@Component
public class RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    private final PromptFactory prompts;
    private final DeepSeekClient deepSeek;
    private final ResultParser parser;
    private final OutcomePublisher publisher;
    private final WorkerCapacity capacity;
    private final PublishedOutcomes outcomes;
    private final RequestsInHand inHand;
    private final FailurePolicy policy;
    private final ProcessingMetrics metrics;
    private final CancelledRequests cancelled;
    private final Duration outageWait;
    private final Duration minCallTime;
    private final Tracer tracer;
    private final Propagator propagator;
    private final AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();

    RequestHandler(
            PromptFactory prompts,
            DeepSeekClient deepSeek,
            ResultParser parser,
            OutcomePublisher publisher,
            WorkerCapacity capacity,
            PublishedOutcomes outcomes,
            RequestsInHand inHand,
            WorkerProperties properties,
            ProcessingMetrics metrics,
            CancelledRequests cancelled,
            Tracer tracer,
            Propagator propagator) {
        this.prompts = prompts;
        this.deepSeek = deepSeek;
        this.parser = parser;
        this.publisher = publisher;
        this.capacity = capacity;
        this.outcomes = outcomes;
        this.inHand = inHand;
        this.metrics = metrics;
        this.cancelled = cancelled;
        this.policy = new FailurePolicy(
                properties,
                new RetryPolicy(
                        properties.retry(), () -> ThreadLocalRandom.current().nextDouble()));
        this.outageWait = properties.outageWait();
        this.minCallTime = properties.minCallTime();
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Never throws but when interrupted: every path ends in a decision for the record. Runs in a span continuing
     * the trace in the record's headers (the share consumer is no spring-kafka container, so this is done here), in
     * which the DeepSeek call and every outcome published are children.
     */
    public Decision handle(ConsumerRecord<String, byte[]> record, ProcessingSession session)
            throws InterruptedException {
        Span span = TraceHeaders.consumerSpan(propagator, record, record.topic() + " process");
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            Decision decision = handleInSpan(record, session);
            span.tag("clientnest.decision", decision.name());
            return decision;
        } catch (InterruptedException | RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Decision handleInSpan(ConsumerRecord<String, byte[]> record, ProcessingSession session)
            throws InterruptedException {
        Work work = new Work(record, session);
        try {
            return work.run();
        } catch (KafkaException e) {
            // Nothing can be published now, not even a dead letter: the record comes back when Kafka does.
            log.warn("Cannot publish for request {}; it will be delivered again: {}", record.key(), e.toString());
            return Decision.RELEASE;
        } catch (ProcessingSession.BudgetExhausted e) {
            return work.conclude(Failure.of(Kind.OUT_OF_TIME), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Unexpected failure processing request {}", record.key(), e);
            return work.conclude(Failure.of(Kind.OUT_OF_TIME), e.toString());
        }
    }

    /** For a record this instance had no capacity for within its budget: it goes back, untouched. */
    public Decision notStarted(ConsumerRecord<String, byte[]> record, ProcessingSession session) {
        Span span = TraceHeaders.consumerSpan(propagator, record, record.topic() + " not started");
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return new Work(record, session).conclude(Failure.of(Kind.NOT_CALLABLE), "No capacity freed in time");
        } catch (KafkaException e) {
            return Decision.RELEASE;
        } finally {
            span.end();
        }
    }

    /** One delivery of one record. */
    private final class Work {

        private final ConsumerRecord<String, byte[]> record;
        private final ProcessingSession session;
        private AiRequested request;
        private int callsMade;
        /** What the retry policy counts: calls of a single request, rounds of calls of content suggestions. */
        private int attempts;

        private Work(ConsumerRecord<String, byte[]> record, ProcessingSession session) {
            this.record = record;
            this.session = session;
        }

        private Decision run() throws InterruptedException {
            ChatRequest prompt = null;
            List<ChatRequest> variantPrompts = null;
            try {
                request = decode(record);
                if (request.getVariants() > 0) {
                    variantPrompts = prompts.variantPromptsFor(request);
                } else {
                    prompt = prompts.promptFor(request);
                }
            } catch (RuntimeException e) {
                return conclude(Failure.of(Kind.INVALID_INPUT), e.getMessage());
            }
            if (alreadyPublished()) {
                log.info(
                        "Request {} was delivered again after its outcome was published; accepting it without a call",
                        request.getRequestId());
                return Decision.ACCEPT;
            }
            CountDownLatch claim = inHand.claim(request.getRequestId(), session.timeLeft());
            if (claim == null) {
                log.info(
                        "Request {} is still being processed by an earlier delivery; giving this one back",
                        record.key());
                return Decision.RELEASE;
            }
            try {
                if (alreadyPublished()) {
                    log.info("Request {} was published by an earlier delivery meanwhile; accepting it", record.key());
                    return Decision.ACCEPT;
                }
                return variantPrompts != null ? callVariantsAndPublish(variantPrompts) : callAndPublish(prompt);
            } finally {
                inHand.release(request.getRequestId(), claim);
            }
        }

        private boolean alreadyPublished() {
            boolean replay = record.headers().lastHeader(LaneHeaders.REPLAY_OF) != null;
            return replay
                    ? outcomes.publishedSince(request.getRequestId(), record.timestamp())
                    : outcomes.published(request.getRequestId());
        }

        private Decision callAndPublish(ChatRequest prompt) throws InterruptedException {
            Optional<RequestsInHand.Answer> earlier = inHand.answered(request.getRequestId());
            if (earlier.isPresent()) {
                log.info(
                        "Request {} was answered by DeepSeek before; publishing that answer without a call",
                        record.key());
                Decision decision =
                        publish(earlier.get().completion(), earlier.get().usagePublished());
                if (decision != null) {
                    return decision;
                }
            }
            while (true) {
                if (cancelled.isCancelled(request.getRequestId())) {
                    return skipCancelled();
                }
                Optional<WorkerCapacity.Call> slot = capacity.tryStartCall(outageWait);
                if (slot.isEmpty()
                        && capacity.deepSeekHealthy()
                        && session.timeLeft().compareTo(minCallTime) > 0) {
                    // No call slot freed while we waited (the adaptive limit is below what is held): wait again.
                    continue;
                }
                if (slot.isEmpty()) {
                    Decision decision = decide(Failure.of(Kind.NOT_CALLABLE), "DeepSeek cannot be called now");
                    if (decision != null) {
                        return decision;
                    }
                    continue;
                }
                if (cancelled.isCancelled(request.getRequestId())) {
                    // Checked with the slot in hand, as close to the call as possible: the wait for a slot can be long.
                    slot.get().abandoned();
                    return skipCancelled();
                }
                if (callsMade == 0) {
                    publisher.started(request);
                }
                callsMade++;
                attempts++;
                ChatCompletion completion;
                try {
                    completion = call(slot.get(), prompt);
                } catch (DeepSeekException e) {
                    Decision decision = decide(Failure.of(e.fault()), e.getMessage());
                    if (decision != null) {
                        return decision;
                    }
                    continue;
                }
                Decision decision = publish(completion, false);
                if (decision != null) {
                    return decision;
                }
            }
        }

        /**
         * Content suggestions: rounds of calls, one per variant still missing, each call with its own slot of the
         * instance's capacity (the slots free now, at least one) and all of a round under way at once. Every answer
         * is billed as it arrives and its variant kept, so a retry, or another delivery here, calls only the missing
         * variants; the round's most severe failure goes to the policy as a single call's would. One result once
         * every variant has one.
         */
        private Decision callVariantsAndPublish(List<ChatRequest> variantPrompts) throws InterruptedException {
            String requestId = request.getRequestId();
            VariantProgress progress = inHand.variants(requestId, () -> new VariantProgress(variantPrompts));
            Map<Failure, String> failures = new LinkedHashMap<>();
            // Answers an earlier delivery got but could not bill (Kafka was away) are billed before anything else.
            for (int variant : progress.unbilled()) {
                billAndParse(progress, variant, failures);
            }
            while (true) {
                if (progress.complete()) {
                    publisher.completedVariants(request, progress.variants(), progress.answers(), callsMade);
                    outcomes.record(requestId, System.currentTimeMillis());
                    inHand.forgetVariants(requestId);
                    return Decision.ACCEPT;
                }
                if (!failures.isEmpty()) {
                    Failure worst = FailurePolicy.mostSevere(List.copyOf(failures.keySet()));
                    String message = failures.get(worst);
                    failures.clear();
                    Decision decision = decide(worst, message);
                    if (decision != null) {
                        return decision;
                    }
                    continue;
                }
                if (cancelled.isCancelled(requestId)) {
                    // Before each round: variants already answered stay billed, the missing ones are never called.
                    inHand.forgetVariants(requestId);
                    return skipCancelled();
                }
                List<Integer> missing = progress.missing();
                List<WorkerCapacity.Call> slots = startCalls(missing.size());
                if (slots.isEmpty()) {
                    if (capacity.deepSeekHealthy() && session.timeLeft().compareTo(minCallTime) > 0) {
                        continue;
                    }
                    Decision decision = decide(Failure.of(Kind.NOT_CALLABLE), "DeepSeek cannot be called now");
                    if (decision != null) {
                        return decision;
                    }
                    continue;
                }
                if (callsMade == 0) {
                    publisher.started(request);
                }
                attempts++;
                callRound(progress, missing.subList(0, slots.size()), slots, failures);
            }
        }

        /** Slots for up to {@code wanted} calls: one waited for, the rest only if free now, so none is hoarded. */
        private List<WorkerCapacity.Call> startCalls(int wanted) throws InterruptedException {
            List<WorkerCapacity.Call> slots = new ArrayList<>();
            Optional<WorkerCapacity.Call> first = capacity.tryStartCall(outageWait);
            if (first.isEmpty()) {
                return slots;
            }
            slots.add(first.get());
            while (slots.size() < wanted) {
                Optional<WorkerCapacity.Call> next = capacity.tryStartCall(Duration.ZERO);
                if (next.isEmpty()) {
                    break;
                }
                slots.add(next.get());
            }
            return slots;
        }

        /** Calls the variants at once, one slot each, and bills and keeps each answer as it is awaited. */
        private void callRound(
                VariantProgress progress,
                List<Integer> variants,
                List<WorkerCapacity.Call> slots,
                Map<Failure, String> failures)
                throws InterruptedException {
            List<CompletableFuture<ChatCompletion>> calls = new ArrayList<>();
            boolean[] ended = new boolean[slots.size()];
            try {
                for (int variant : variants) {
                    calls.add(deepSeek.complete(progress.prompt(variant), session.timeForOneCall()));
                    callsMade++;
                }
                for (int i = 0; i < calls.size(); i++) {
                    try {
                        ChatCompletion completion = session.await(calls.get(i));
                        slots.get(i).succeeded();
                        ended[i] = true;
                        progress.answered(variants.get(i), completion);
                    } catch (DeepSeekException e) {
                        slots.get(i).failed(e);
                        ended[i] = true;
                        failures.putIfAbsent(Failure.of(e.fault()), e.getMessage());
                        continue;
                    }
                    billAndParse(progress, variants.get(i), failures);
                }
            } finally {
                for (int i = 0; i < slots.size(); i++) {
                    if (!ended[i]) {
                        slots.get(i).abandoned();
                    }
                }
            }
        }

        /** Publishes the usage of a variant's answer (once), then keeps its result or notes why it is unusable. */
        private void billAndParse(VariantProgress progress, int variant, Map<Failure, String> failures) {
            ChatCompletion completion = progress.unbilledAnswer(variant);
            publisher.usage(request, completion);
            progress.billed(variant);
            try {
                progress.succeeded(variant, (ContentResult) parse(completion), completion);
            } catch (DeepSeekException e) {
                failures.putIfAbsent(Failure.of(e.fault()), e.getMessage());
            }
        }

        /**
         * Ends a request its owner cancelled without calling DeepSeek: its outcome says so (the gateway already shows
         * it CANCELLED; the cost service releases its reservation) and the record is done. A call made before the
         * cancel (a retry's earlier attempt) stays billed, as its usage is already out.
         */
        private Decision skipCancelled() {
            log.info("Request {} was cancelled by its owner; acknowledging it without a DeepSeek call", record.key());
            publisher.cancelled(request);
            outcomes.record(request.getRequestId(), System.currentTimeMillis());
            metrics.skippedCancelled();
            return Decision.ACCEPT;
        }

        /**
         * Publishes DeepSeek's answer: usage (once), then the result. The answer is kept until the result is out, so
         * a delivery after a Kafka failure publishes it instead of paying for another call. Returns null when the
         * answer is unusable and the policy says to call again.
         */
        private Decision publish(ChatCompletion completion, boolean usagePublished) throws InterruptedException {
            String requestId = request.getRequestId();
            inHand.keep(requestId, completion, usagePublished);
            if (!usagePublished) {
                publisher.usage(request, completion);
                inHand.keep(requestId, completion, true);
            }
            try {
                Object result = parse(completion);
                publisher.completed(request, completion, result, callsMade);
                outcomes.record(requestId, System.currentTimeMillis());
                inHand.forget(requestId);
                return Decision.ACCEPT;
            } catch (DeepSeekException e) {
                inHand.forget(requestId);
                return decide(Failure.of(e.fault()), e.getMessage());
            }
        }

        private ChatCompletion call(WorkerCapacity.Call slot, ChatRequest prompt) throws InterruptedException {
            boolean ended = false;
            try {
                ChatCompletion completion = session.await(deepSeek.complete(prompt, session.timeForOneCall()));
                slot.succeeded();
                ended = true;
                return completion;
            } catch (DeepSeekException e) {
                slot.failed(e);
                ended = true;
                throw e;
            } finally {
                if (!ended) {
                    slot.abandoned();
                }
            }
        }

        /** Carries out the policy's verdict; returns null when the record stays here for another try. */
        private Decision decide(Failure failure, String message) throws InterruptedException {
            Verdict verdict = policy.decide(failure, situation());
            if (verdict instanceof FailurePolicy.Retry retry) {
                metrics.retried(failure);
                log.info(
                        "Request {} call {} failed ({}), retrying in {} ms",
                        record.key(),
                        callsMade,
                        failure.fault(),
                        retry.after().toMillis());
                session.sleep(retry.after());
                return null;
            }
            if (verdict instanceof FailurePolicy.WaitForDeepSeek wait) {
                session.sleep(wait.pause());
                return null;
            }
            return carryOut(verdict, failure, message);
        }

        /** For a failure after which the record does not stay here. */
        private Decision conclude(Failure failure, String message) {
            Verdict verdict = policy.decide(failure, situation());
            if (verdict instanceof FailurePolicy.Retry || verdict instanceof FailurePolicy.WaitForDeepSeek) {
                verdict = capacity.deepSeekHealthy() ? new FailurePolicy.Release() : new FailurePolicy.Requeue();
            }
            return carryOut(verdict, failure, message);
        }

        private Decision carryOut(Verdict verdict, Failure failure, String message) {
            return switch (verdict) {
                case FailurePolicy.Requeue requeue -> {
                    log.info("Putting request {} back on its lane while DeepSeek recovers: {}", record.key(), message);
                    publisher.requeue(record);
                    yield Decision.ACCEPT;
                }
                case FailurePolicy.Release release -> {
                    log.info(
                            "Giving request {} back (delivery {}): {}", record.key(), session.deliveryCount(), message);
                    yield Decision.RELEASE;
                }
                case FailurePolicy.DeadLetter deadLetter -> deadLetter(deadLetter.reason(), failure, message);
                case FailurePolicy.Retry retry -> throw new IllegalStateException("Retry is carried out in place");
                case FailurePolicy.WaitForDeepSeek wait ->
                    throw new IllegalStateException("Waits are carried out in place");
            };
        }

        private Decision deadLetter(DeadLetterReason reason, Failure failure, String message) {
            log.warn(
                    "Dead-lettering record {}-{}@{} ({}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    reason.code(),
                    message);
            String exceptionClass = failure.kind() == Kind.DEEPSEEK
                    ? DeepSeekException.class.getName() + "/" + failure.fault()
                    : failure.kind().name();
            publisher.deadLetter(
                    record, request, new OutcomePublisher.Failure(reason.code(), message, exceptionClass, callsMade));
            metrics.deadLettered(reason);
            if (request != null) {
                outcomes.record(request.getRequestId(), System.currentTimeMillis());
                inHand.forgetVariants(request.getRequestId());
            }
            return Decision.REJECT;
        }

        private FailurePolicy.Situation situation() {
            return new FailurePolicy.Situation(
                    attempts, session.deliveryCount(), session.timeLeft(), capacity.deepSeekHealthy());
        }

        // Output cut by max_tokens will be cut again on a retry: fail it at once instead of paying for it twice.
        private Object parse(ChatCompletion completion) {
            try {
                return parser.parse(request.getType(), completion.content());
            } catch (DeepSeekException e) {
                if ("length".equals(completion.finishReason())) {
                    throw DeepSeekException.truncated(e.getMessage());
                }
                throw e;
            }
        }
    }

    private AiRequested decode(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event = deserializer.deserialize(record.topic(), record.value());
        if (!(event instanceof AiRequested request)) {
            throw new IllegalArgumentException("Expected AiRequested on a lane, got "
                    + (event == null ? "an empty record" : event.getSchema().getFullName()));
        }
        return request;
    }
}
