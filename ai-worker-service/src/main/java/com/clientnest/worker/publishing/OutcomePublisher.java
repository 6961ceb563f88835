package com.clientnest.worker.publishing;

import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.AiStarted;
import com.clientnest.schemas.events.ContentVariant;
import com.clientnest.schemas.events.TokenUsage;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectSerializer;
import com.clientnest.schemas.topics.DeadLetterHeaders;
import com.clientnest.schemas.topics.LaneHeaders;
import com.clientnest.schemas.topics.OutcomeReasons;
import com.clientnest.schemas.topics.Topics;
import com.clientnest.worker.deepseek.ChatCompletion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what became of a request. Every send waits for the broker's acknowledgement, because the record
 * is acknowledged on its lane only after its outcome is safely on Kafka.
 */
@Component
public class OutcomePublisher {

    private static final Logger log = LoggerFactory.getLogger(OutcomePublisher.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Topics topics;
    private final Clock clock;
    private final AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();

    OutcomePublisher(KafkaTemplate<String, byte[]> kafka, Topics topics, Clock clock) {
        this.kafka = kafka;
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * The request is about to be called, for the gateway's PROCESSING status. Not awaited: the status is advisory (the
     * outcome follows on the results topic), so a slow broker must not hold a call slot for it.
     */
    public void started(AiRequested request) {
        AiStarted event = AiStarted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setRequestId(request.getRequestId())
                .setUserId(request.getUserId())
                .build();
        String topic = topics.started().name();
        kafka.send(topic, request.getRequestId(), serializer.serialize(topic, event))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        log.debug("No started event for request {}: {}", request.getRequestId(), failure.toString());
                    }
                });
    }

    /** One DeepSeek call was made and billed, whatever came of its answer. */
    public void usage(AiRequested request, ChatCompletion completion) {
        ChatCompletion.Usage usage = completion.usage();
        UsageRecorded event = UsageRecorded.newBuilder()
                .setEventId(usageEventId(request.getRequestId(), completion.id()))
                .setOccurredAt(clock.instant())
                .setRequestId(request.getRequestId())
                .setUserId(request.getUserId())
                .setTier(request.getTier())
                .setType(request.getType())
                .setModel(completion.model())
                .setUsage(toTokenUsage(usage))
                .setLatencyMs(completion.latencyMs())
                .setCacheHit(false)
                .setReservationId(request.getReservationId())
                // Each variant of content suggestions is one content generation, counted with the first call.
                .setRequestCount(Math.max(1, request.getVariants()))
                .setDeferred(request.getDeferred())
                .build();
        send(topics.usage().name(), request.getUserId(), event);
    }

    /**
     * The usage event's id, derived from DeepSeek's id of the call: when a send times out although the broker took
     * the event (e.g. while it restarts), the usage is sent again with the same id and the cost service records it
     * once. A call without an id (DeepSeek always sends one) gets a random one.
     */
    static String usageEventId(String requestId, String completionId) {
        if (completionId == null || completionId.isBlank()) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes(("usage/" + requestId + "/" + completionId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public void completed(AiRequested request, ChatCompletion completion, Object result, int attempts) {
        AiCompleted event = completion(
                        request,
                        completion.model(),
                        result,
                        toTokenUsage(completion.usage()),
                        completion.latencyMs(),
                        attempts)
                .build();
        send(topics.results().name(), request.getRequestId(), event);
    }

    /**
     * The variants of a content-suggestions request, in order: {@code result} holds the first, for consumers that
     * know only one content result, and the usage is the sum of the variants' calls.
     *
     * @param answers each variant's DeepSeek answer, in the order of the variants
     */
    public void completedVariants(
            AiRequested request, List<ContentVariant> variants, List<ChatCompletion> answers, int attempts) {
        int prompt = 0;
        int completion = 0;
        int total = 0;
        int cacheHit = 0;
        int cacheMiss = 0;
        long latency = 0;
        for (ChatCompletion answer : answers) {
            ChatCompletion.Usage usage = answer.usage();
            prompt += usage.promptTokens();
            completion += usage.completionTokens();
            total += usage.totalTokens();
            cacheHit += usage.promptCacheHitTokens();
            cacheMiss += usage.promptCacheMissTokens();
            latency = Math.max(latency, answer.latencyMs());
        }
        AiCompleted event = completion(
                        request,
                        answers.get(0).model(),
                        variants.get(0).getContent(),
                        new TokenUsage(prompt, completion, total, cacheHit, cacheMiss),
                        latency,
                        attempts)
                .setVariants(variants)
                .build();
        send(topics.results().name(), request.getRequestId(), event);
    }

    /** The completed event of a request that DeepSeek answered, its result and usage given. */
    private AiCompleted.Builder completion(
            AiRequested request, String model, Object result, TokenUsage usage, long latencyMs, int attempts) {
        return AiCompleted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setRequestId(request.getRequestId())
                .setUserId(request.getUserId())
                .setType(request.getType())
                .setModel(model)
                .setResult(result)
                .setUsage(usage)
                .setCached(false)
                .setLatencyMs(latencyMs)
                .setAttempts(attempts);
    }

    /**
     * Moves a record that cannot be processed to the dead-letter topic, byte for byte with the reason in
     * headers, and, when the request could be read, tells its final status on the results topic.
     */
    public void deadLetter(ConsumerRecord<String, byte[]> record, AiRequested request, Failure failure) {
        ProducerRecord<String, byte[]> dead =
                new ProducerRecord<>(topics.deadLetters().name(), record.key(), record.value());
        header(dead, DeadLetterHeaders.REASON_CODE, failure.reasonCode());
        header(dead, DeadLetterHeaders.MESSAGE, failure.message());
        header(dead, DeadLetterHeaders.EXCEPTION_CLASS, failure.exceptionClass());
        header(dead, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        header(dead, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        header(dead, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        header(dead, DeadLetterHeaders.ATTEMPTS, Integer.toString(failure.attempts()));
        await(kafka.send(dead));
        if (request != null) {
            AiFailed failed = AiFailed.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(clock.instant())
                    .setRequestId(request.getRequestId())
                    .setUserId(request.getUserId())
                    .setType(request.getType())
                    .setReasonCode(failure.reasonCode())
                    .setMessage(failure.message())
                    .setAttempts(failure.attempts())
                    .setDeadLettered(true)
                    .build();
            send(topics.results().name(), request.getRequestId(), failed);
        }
    }

    /**
     * Puts the record back on its lane as a fresh record, byte for byte with its headers and one more requeue
     * counted, so that waiting out a DeepSeek outage does not use up the original's deliveries.
     */
    public void requeue(ConsumerRecord<String, byte[]> record) {
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(record.topic(), record.key(), record.value());
        int requeues = 0;
        for (Header header : record.headers()) {
            if (LaneHeaders.REQUEUES.equals(header.key())) {
                requeues = parseCount(header.value());
            } else {
                copy.headers().add(header);
            }
        }
        header(copy, LaneHeaders.REQUEUES, Integer.toString(requeues + 1));
        await(kafka.send(copy));
    }

    /**
     * The request was cancelled by its owner before any DeepSeek call for it: its final outcome, which also tells the
     * cost service to give its reservation back. Nothing is billed.
     */
    public void cancelled(AiRequested request) {
        AiFailed failed = AiFailed.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setRequestId(request.getRequestId())
                .setUserId(request.getUserId())
                .setType(request.getType())
                .setReasonCode(OutcomeReasons.CANCELLED)
                .setMessage("Cancelled by its owner before DeepSeek was called")
                .setAttempts(0)
                .setDeadLettered(false)
                .build();
        send(topics.results().name(), request.getRequestId(), failed);
    }

    /** Why a record was dead-lettered. */
    public record Failure(String reasonCode, String message, String exceptionClass, int attempts) {}

    private void send(String topic, String key, SpecificRecord event) {
        await(kafka.send(topic, key, serializer.serialize(topic, event)));
    }

    private static int parseCount(byte[] value) {
        try {
            return Integer.parseInt(new String(value, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    private static void await(java.util.concurrent.CompletableFuture<?> send) {
        try {
            send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot publish to Kafka", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not acknowledge within " + SEND_TIMEOUT, e);
        }
    }

    private static TokenUsage toTokenUsage(ChatCompletion.Usage usage) {
        return new TokenUsage(
                usage.promptTokens(),
                usage.completionTokens(),
                usage.totalTokens(),
                usage.promptCacheHitTokens(),
                usage.promptCacheMissTokens());
    }
}
