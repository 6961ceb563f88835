package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.GatewayProperties;
import com.clientnest.schemas.kafka.ConsumerErrorPolicy;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the three dead-letter topics in the consumer group {@code clientnest.gateway.results.dead-letter-group-id}
 * under the suite's {@link ConsumerErrorPolicy}: the database away is waited out; a letter that can never be
 * stored has no further dead-letter topic to go to, so it is logged with its position and passed, and stays on
 * its topic for as long as the topic keeps it.
 */
@Configuration(proxyBeanMethods = false)
class DeadLettersListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLettersListenerConfiguration.class);

    @Bean
    LetterReader letterReader(Topics topics, JsonMapper json) {
        return new LetterReader(valueDeserializer(topics.deadLetters()), json);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> deadLettersListenerContainer(
            KafkaProperties kafka, Topics topics, GatewayProperties properties, DeadLetterIntake intake) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // Dead letters are kept byte for byte, readable or not.
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ContainerProperties container = new ContainerProperties(
                topics.deadLetterTopics().stream().map(TopicDescriptor::name).toArray(String[]::new));
        container.setGroupId(properties.results().deadLetterGroupId());
        container.setMessageListener((MessageListener<String, byte[]>) intake::accept);
        ConcurrentMessageListenerContainer<String, byte[]> listener =
                new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), container);
        var retry = properties.results().retry();
        listener.setCommonErrorHandler(ConsumerErrorPolicy.handler(
                DeadLettersListenerConfiguration::pass,
                new ConsumerErrorPolicy.Retry(retry.initialInterval(), retry.multiplier(), retry.maxInterval())));
        return listener;
    }

    private static void pass(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        log.error(
                "Passing the dead letter at {}-{}@{} (key {}), which cannot be stored: {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                cause.getClass().getSimpleName(),
                cause.getMessage(),
                failure);
    }

    // The catalogue's serde, chosen by class as Kafka would configure it; it reads every event of the suite.
    @SuppressWarnings("unchecked")
    static Deserializer<SpecificRecord> valueDeserializer(TopicDescriptor topic) {
        Deserializer<SpecificRecord> deserializer =
                (Deserializer<SpecificRecord>) BeanUtils.instantiateClass(topic.valueDeserializer());
        deserializer.configure(Map.of(), false);
        return deserializer;
    }
}
