package com.clientnest.worker.processing;

import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.worker.config.WorkerProperties;
import com.clientnest.worker.deepseek.ChatCompletion;
import com.clientnest.worker.deepseek.ChatRequest;
import com.clientnest.worker.deepseek.DeepSeekClient;
import com.clientnest.worker.deepseek.DeepSeekException;
import com.clientnest.worker.prompt.PromptFactory;
import com.clientnest.worker.publishing.OutcomePublisher;
import com.clientnest.worker.publishing.OutcomePublisher.Failure;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Processes one request from a lane: prompt, DeepSeek call with retries, result, usage. Every path ends in a
 * published outcome or the dead-letter topic, so no request taken from a lane is lost.
 */
@Component
public class RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    private final PromptFactory prompts;
    private final DeepSeekClient deepSeek;
    private final ResultParser parser;
    private final OutcomePublisher publisher;
    private final RetryPolicy retryPolicy;
    private final int maxDeliveries;
    private final AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();

    RequestHandler(
            PromptFactory prompts,
            DeepSeekClient deepSeek,
            ResultParser parser,
            OutcomePublisher publisher,
            WorkerProperties properties) {
        this.prompts = prompts;
        this.deepSeek = deepSeek;
        this.parser = parser;
        this.publisher = publisher;
        this.retryPolicy = new RetryPolicy(
                properties.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.maxDeliveries = properties.maxDeliveries();
    }

    /** Never throws: every path ends in a decision for the record, logged when it is not the happy one. */
    public Decision handle(ConsumerRecord<String, byte[]> record, ProcessingSession session)
            throws InterruptedException {
        RuntimeException givenBackFor;
        try {
            AiRequested request;
            ChatRequest prompt;
            try {
                request = decode(record);
                prompt = prompts.promptFor(request);
            } catch (RuntimeException e) {
                return deadLetter(
                        record,
                        null,
                        new Failure(
                                "invalid_request", e.getMessage(), e.getClass().getName(), 0));
            }
            return process(record, request, prompt, session);
        } catch (ProcessingSession.BudgetExhausted e) {
            givenBackFor = e;
        } catch (KafkaException e) {
            log.warn("Cannot publish the outcome of request {}; it will be delivered again", record.key(), e);
            givenBackFor = e;
        } catch (RuntimeException e) {
            log.error("Unexpected failure processing request {}", record.key(), e);
            givenBackFor = e;
        }
        return giveBack(record, session, givenBackFor);
    }

    private Decision process(
            ConsumerRecord<String, byte[]> record, AiRequested request, ChatRequest prompt, ProcessingSession session)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                ChatCompletion completion = session.await(deepSeek.complete(prompt, session.timeForOneCall()));
                publisher.usage(request, completion);
                Object result = parse(request, completion);
                publisher.completed(request, completion, result, attempt);
                return Decision.ACCEPT;
            } catch (DeepSeekException e) {
                if (!e.retryable() || !retryPolicy.hasAttemptsLeft(attempt)) {
                    String reason = e.retryable() ? "retries_exhausted" : e.reasonCode();
                    return deadLetter(
                            record,
                            request,
                            new Failure(reason, e.getMessage(), e.getClass().getName(), attempt));
                }
                log.info(
                        "Request {} attempt {} failed ({}), retrying", request.getRequestId(), attempt, e.reasonCode());
                session.backOff(retryPolicy.delayAfter(attempt));
            }
        }
    }

    // Given back, the record returns to its lane for any worker. On its last delivery the broker would archive,
    // i.e. drop, it instead, so then it is dead-lettered; if even that fails nothing more can be done here than
    // say so loudly.
    private Decision giveBack(ConsumerRecord<String, byte[]> record, ProcessingSession session, RuntimeException e) {
        int deliveries = session.deliveryCount();
        if (deliveries < maxDeliveries) {
            log.info("Giving request {} back to its lane (delivery {}): {}", record.key(), deliveries, e.getMessage());
            return Decision.RELEASE;
        }
        try {
            return deadLetter(
                    record,
                    decodeOrNull(record),
                    new Failure(
                            "retries_exhausted", e.getMessage(), e.getClass().getName(), deliveries));
        } catch (KafkaException deadLetterFailure) {
            log.error(
                    "Request {} ({}-{}@{}) failed on its last delivery and cannot be dead-lettered; the broker will"
                            + " archive it",
                    record.key(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    deadLetterFailure);
            return Decision.RELEASE;
        }
    }

    private AiRequested decodeOrNull(ConsumerRecord<String, byte[]> record) {
        try {
            return decode(record);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // Output cut by max_tokens will be cut again on a retry: fail it at once instead of paying for it twice.
    private Object parse(AiRequested request, ChatCompletion completion) {
        try {
            return parser.parse(request.getType(), completion.content());
        } catch (DeepSeekException e) {
            if ("length".equals(completion.finishReason())) {
                throw DeepSeekException.truncated(e.getMessage());
            }
            throw e;
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

    private Decision deadLetter(ConsumerRecord<String, byte[]> record, AiRequested request, Failure failure) {
        log.warn(
                "Dead-lettering record {}-{}@{} ({}): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                failure.reasonCode(),
                failure.message());
        publisher.deadLetter(record, request, failure);
        return Decision.REJECT;
    }
}
