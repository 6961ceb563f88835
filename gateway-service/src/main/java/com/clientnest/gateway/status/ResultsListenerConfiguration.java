package com.clientnest.gateway.status;

import com.clientnest.gateway.GatewayProperties;
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
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Follows the results topic in the consumer group {@code clientnest.gateway.results.group-id}. The serdes are
 * the catalogue's, wrapped so that a record that cannot be read reaches the error handler, which logs it and
 * moves on instead of blocking the partition.
 */
@Configuration(proxyBeanMethods = false)
class ResultsListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResultsListenerConfiguration.class);

    // A failing database gets a few seconds to recover before a record is given up; a record that cannot be
    // deserialized is never retried.
    private static final long RETRY_INTERVAL_MS = 1000;
    private static final long RETRY_ATTEMPTS = 5;

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
    DefaultErrorHandler resultsErrorHandler() {
        return new DefaultErrorHandler(
                ResultsListenerConfiguration::skip, new FixedBackOff(RETRY_INTERVAL_MS, RETRY_ATTEMPTS));
    }

    @Bean
    ConcurrentMessageListenerContainer<String, SpecificRecord> resultsListenerContainer(
            ConsumerFactory<String, SpecificRecord> resultsConsumerFactory,
            DefaultErrorHandler resultsErrorHandler,
            Topics topics,
            GatewayProperties properties,
            ResultApplier applier) {
        ContainerProperties container = new ContainerProperties(topics.results().name());
        container.setGroupId(properties.results().groupId());
        container.setMessageListener((MessageListener<String, SpecificRecord>) record -> applier.apply(record.value()));
        ConcurrentMessageListenerContainer<String, SpecificRecord> listener =
                new ConcurrentMessageListenerContainer<>(resultsConsumerFactory, container);
        listener.setConcurrency(properties.results().concurrency());
        listener.setCommonErrorHandler(resultsErrorHandler);
        return listener;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure) {
        log.error(
                "Skipping the record at {}-{}@{} (key {}) on the results topic",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                failure);
    }
}
