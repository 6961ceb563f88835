package com.clientnest.gateway.status;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * Follows the dead-letter topic in the consumer group {@code clientnest.gateway.results.dead-letter-group-id},
 * with the same error handling as the results: database failures are retried without limit.
 */
@Configuration(proxyBeanMethods = false)
class DeadLettersListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLettersListenerConfiguration.class);

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> deadLettersListenerContainer(
            KafkaProperties kafka, Topics topics, GatewayProperties properties, DeadLetterApplier applier) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Dead letters are kept byte for byte, readable or not; only their key and headers are used here.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ContainerProperties container =
                new ContainerProperties(topics.deadLetters().name());
        container.setGroupId(properties.results().deadLetterGroupId());
        container.setMessageListener((MessageListener<String, byte[]>) applier::apply);
        ConcurrentMessageListenerContainer<String, byte[]> listener =
                new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), container);
        listener.setCommonErrorHandler(ResultsListenerConfiguration.errorHandler(
                properties.results().retry(), DeadLettersListenerConfiguration::skip));
        return listener;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        log.error(
                "Skipping the dead letter at {}-{}@{} (key {}): {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                cause.getClass().getSimpleName(),
                cause.getMessage(),
                failure);
    }
}
