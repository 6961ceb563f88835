package com.clientnest.cost.usage;

import com.clientnest.schemas.kafka.ConsumerErrorPolicy;
import com.clientnest.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The usage consumer: batches of raw records, decoded by the listener (which sends what can never be recorded to
 * the usage dead-letter topic), under the suite's {@link ConsumerErrorPolicy}: a batch that failed because the
 * database or broker is away is retried without limit; an event the database refuses for good is dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class UsageKafkaConfiguration {

    static final String LISTENER_ID = "cost-usage-listener";
    static final String CONTAINER_FACTORY = "usageListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> usageListenerContainerFactory(
            ConsumerFactory<?, ?> kafkaConsumerFactory,
            UsageProperties usage,
            Topics topics,
            UsageDeadLetters deadLetters) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerProperties(kafkaConsumerFactory, usage)));
        factory.setConcurrency(usage.concurrency());
        // A batch is recorded in one transaction: thousands of events a second instead of hundreds.
        factory.setBatchListener(true);
        var retry = usage.retry();
        factory.setCommonErrorHandler(ConsumerErrorPolicy.deadLettering(
                deadLetters.kafka(),
                topics.usageDeadLetters(),
                new ConsumerErrorPolicy.Retry(retry.initialInterval(), retry.multiplier(), retry.maxInterval())));
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
}
