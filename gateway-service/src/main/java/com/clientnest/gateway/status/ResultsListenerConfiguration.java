package com.clientnest.gateway.status;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.GatewayProperties.Results.Retry;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Follows the results topic in the consumer group {@code clientnest.gateway.results.group-id}. The serdes are
 * the catalogue's, wrapped so that a record that cannot be read reaches the error handler, which logs it and
 * moves on instead of blocking the partition. Any other failure (the database away) is retried without limit.
 */
@Configuration(proxyBeanMethods = false)
class ResultsListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResultsListenerConfiguration.class);

    @Bean
    ConsumerFactory<String, SpecificRecord> resultsConsumerFactory(KafkaProperties kafka, Topics topics) {
        TopicDescriptor results = topics.results();
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, results.keyDeserializer());
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, results.valueDeserializer());
        // A new group must not miss results published before it first started.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    DefaultErrorHandler resultsErrorHandler(GatewayProperties properties) {
        return errorHandler(properties.results().retry(), ResultsListenerConfiguration::skip);
    }

    /**
     * Skips at once what can never be applied (undecodable records, the library's default not-retryable
     * exceptions, {@link InvalidResultEvent}) and retries everything else without limit: a skipped result would
     * leave its request QUEUED forever, so a database outage of any length must only delay it.
     */
    static DefaultErrorHandler errorHandler(Retry retry, ConsumerRecordRecoverer skip) {
        DefaultErrorHandler handler = new DefaultErrorHandler(skip, backOff(retry));
        handler.addNotRetryableExceptions(InvalidResultEvent.class);
        return handler;
    }

    /** Exponential and unbounded: neither a number of attempts nor an elapsed time ends it. */
    static ExponentialBackOff backOff(Retry retry) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    @Bean
    ConcurrentMessageListenerContainer<String, SpecificRecord> resultsListenerContainer(
            ConsumerFactory<String, SpecificRecord> resultsConsumerFactory,
            DefaultErrorHandler resultsErrorHandler,
            Topics topics,
            GatewayProperties properties,
            ResultApplier applier) {
        // The started events share this listener: same group, same error policy, and one place that orders status
        // changes (a started event never moves a final status back, wherever it arrives from).
        ContainerProperties container = new ContainerProperties(
                topics.results().name(), topics.started().name());
        container.setGroupId(properties.results().groupId());
        container.setMessageListener((MessageListener<String, SpecificRecord>) record -> applier.apply(record.value()));
        ConcurrentMessageListenerContainer<String, SpecificRecord> listener =
                new ConcurrentMessageListenerContainer<>(resultsConsumerFactory, container);
        listener.setConcurrency(properties.results().concurrency());
        listener.setCommonErrorHandler(resultsErrorHandler);
        return listener;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        log.error(
                "Skipping the record at {}-{}@{} (key {}) on the results topic: {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                cause.getClass().getSimpleName(),
                cause.getMessage(),
                failure);
    }
}
