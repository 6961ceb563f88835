package com.clientnest.cost.usage;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The usage consumer: batches of raw records, decoded by the listener (which sends what can never be recorded to
 * the usage dead-letter topic), and an error handler that retries a batch that failed for any other reason (the
 * database away) without limit.
 */
@Configuration(proxyBeanMethods = false)
class UsageKafkaConfiguration {

    static final String LISTENER_ID = "cost-usage-listener";
    static final String CONTAINER_FACTORY = "usageListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(UsageKafkaConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> usageListenerContainerFactory(
            ConsumerFactory<?, ?> kafkaConsumerFactory, UsageProperties usage) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerProperties(kafkaConsumerFactory, usage)));
        factory.setConcurrency(usage.concurrency());
        // A batch is recorded in one transaction: thousands of events a second instead of hundreds.
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(errorHandler(usage.retry(), UsageKafkaConfiguration::skip));
        return factory;
    }

    private static Map<String, Object> consumerProperties(ConsumerFactory<?, ?> base, UsageProperties usage) {
        // Boot's factory carries spring.kafka.* and any connection details; this consumer adds its own settings.
        Map<String, Object> properties = new HashMap<>(base.getConfigurationProperties());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, usage.consumerGroup());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Values are decoded by the listener, so an undecodable one can go to the dead-letter topic byte for byte.
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, usage.batchSize());
        // A new group must price the usage already on the topic, not only what arrives after it joined.
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Usage of an aborted producer transaction never happened and must not be billed.
        properties.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return properties;
    }

    /**
     * Skips at once what can never be recorded (undecodable records, the library's default not-retryable
     * exceptions, {@link InvalidUsageEvent}) and retries everything else without limit: a skipped event is a
     * billed call missing from the ledger, so a database outage of any length must only delay it.
     */
    static DefaultErrorHandler errorHandler(UsageProperties.Retry retry, ConsumerRecordRecoverer skip) {
        var handler = new DefaultErrorHandler(skip, backOff(retry));
        handler.addNotRetryableExceptions(InvalidUsageEvent.class);
        return handler;
    }

    /** Exponential and unbounded: neither a number of attempts nor an elapsed time ends it. */
    static ExponentialBackOff backOff(UsageProperties.Retry retry) {
        var backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        log.error(
                "Skipping usage record {}-{}@{} (key {}): {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                cause.getClass().getSimpleName(),
                cause.getMessage());
    }
}
