package com.clientnest.cost.usage;

import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The usage consumer: the catalogue's deserializers wrapped so an undecodable message reaches the error
 * handler instead of failing every poll, and an error handler that skips what can never be recorded and retries
 * everything else without limit.
 */
@Configuration(proxyBeanMethods = false)
class UsageKafkaConfiguration {

    static final String LISTENER_ID = "cost-usage-listener";
    static final String CONTAINER_FACTORY = "usageListenerContainerFactory";

    private static final Logger log = LoggerFactory.getLogger(UsageKafkaConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> usageListenerContainerFactory(
            ConsumerFactory<?, ?> kafkaConsumerFactory, Topics topics, UsageProperties usage) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, SpecificRecord>();
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(consumerProperties(kafkaConsumerFactory, topics.usage(), usage)));
        factory.setConcurrency(usage.concurrency());
        factory.setCommonErrorHandler(errorHandler(usage.retry(), UsageKafkaConfiguration::skip));
        return factory;
    }

    private static Map<String, Object> consumerProperties(
            ConsumerFactory<?, ?> base, TopicDescriptor topic, UsageProperties usage) {
        // Boot's factory carries spring.kafka.* and any connection details; this consumer adds its own settings.
        Map<String, Object> properties = new HashMap<>(base.getConfigurationProperties());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, usage.consumerGroup());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        properties.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, topic.keyDeserializer());
        properties.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, topic.valueDeserializer());
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
