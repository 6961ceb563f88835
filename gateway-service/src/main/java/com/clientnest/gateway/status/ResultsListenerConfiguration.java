package com.clientnest.gateway.status;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.gateway.GatewayProperties.Results.Retry;
import com.clientnest.schemas.kafka.ConsumerErrorPolicy;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;

/**
 * Follows the results topic in the consumer group {@code clientnest.gateway.results.group-id}, under the suite's
 * {@link ConsumerErrorPolicy}: an outage (the database away) is retried without limit; a result that can never be
 * applied (undecodable, or refused by the database for good) goes at once to {@code ai.results.dlt}, so the
 * results behind it on its partition still apply. Values are read as bytes and decoded by the listener, so the
 * dead letter is the record exactly as it was read.
 */
@Configuration(proxyBeanMethods = false)
class ResultsListenerConfiguration {

    @Bean
    ConsumerFactory<String, byte[]> resultsConsumerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // A new group must not miss results published before it first started.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    DefaultErrorHandler resultsErrorHandler(
            GatewayProperties properties,
            Topics topics,
            @Qualifier("deadLetterKafkaTemplate") KafkaOperations<String, byte[]> deadLetterKafkaTemplate) {
        return ConsumerErrorPolicy.deadLettering(
                deadLetterKafkaTemplate,
                topics.resultsDeadLetters(),
                retry(properties.results().retry()));
    }

    static ConsumerErrorPolicy.Retry retry(Retry retry) {
        return new ConsumerErrorPolicy.Retry(retry.initialInterval(), retry.multiplier(), retry.maxInterval());
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> resultsListenerContainer(
            ConsumerFactory<String, byte[]> resultsConsumerFactory,
            DefaultErrorHandler resultsErrorHandler,
            Topics topics,
            GatewayProperties properties,
            ResultApplier applier) {
        // The started events share this listener: same group, same error policy, and one place that orders status
        // changes (a started event never moves a final status back, wherever it arrives from). Both topics carry
        // single-object Avro, so the results topic's deserializer reads either.
        TopicDescriptor results = topics.results();
        Deserializer<SpecificRecord> values = valueDeserializer(results);
        ContainerProperties container =
                new ContainerProperties(results.name(), topics.started().name());
        container.setGroupId(properties.results().groupId());
        // A receive span per record, continuing the trace the worker wrote into its traceparent.
        container.setObservationEnabled(true);
        container.setMessageListener((MessageListener<String, byte[]>)
                record -> applier.apply(values.deserialize(record.topic(), record.headers(), record.value())));
        ConcurrentMessageListenerContainer<String, byte[]> listener =
                new ConcurrentMessageListenerContainer<>(resultsConsumerFactory, container);
        listener.setConcurrency(properties.results().concurrency());
        listener.setCommonErrorHandler(resultsErrorHandler);
        return listener;
    }

    // The catalogue's serde, chosen by class as Kafka would configure it.
    @SuppressWarnings("unchecked")
    private static Deserializer<SpecificRecord> valueDeserializer(TopicDescriptor topic) {
        Deserializer<SpecificRecord> deserializer =
                (Deserializer<SpecificRecord>) BeanUtils.instantiateClass(topic.valueDeserializer());
        deserializer.configure(Map.of(), false);
        return deserializer;
    }
}
