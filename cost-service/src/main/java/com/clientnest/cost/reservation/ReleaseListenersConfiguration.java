package com.clientnest.cost.reservation;

import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Gives back the reservations of requests that will use nothing more: those that failed ({@code AiFailed} on the
 * results topic) and those dead-lettered (their record on the dead-letter topic, read by key alone, since a
 * dead letter may be unreadable). A failure of the database is retried without limit; a record that cannot be
 * read is skipped, as the sweeper gives its reservation back in the end.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseListenersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReleaseListenersConfiguration.class);

    @Bean
    ConcurrentMessageListenerContainer<String, SpecificRecord> failedRequestsListener(
            ConsumerFactory<?, ?> kafkaConsumerFactory,
            Topics topics,
            ReservationProperties properties,
            ReservationReleases releases) {
        TopicDescriptor results = topics.results();
        Map<String, Object> config = baseConfig(kafkaConsumerFactory, properties.resultsGroup());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, results.keyDeserializer());
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, results.valueDeserializer());
        ContainerProperties container = new ContainerProperties(results.name());
        container.setMessageListener((MessageListener<String, SpecificRecord>) record -> {
            if (record.value() instanceof AiFailed failed) {
                releases.releaseRequest(failed.getRequestId());
            }
        });
        return container(config, container);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> deadLetteredRequestsListener(
            ConsumerFactory<?, ?> kafkaConsumerFactory,
            Topics topics,
            ReservationProperties properties,
            ReservationReleases releases) {
        Map<String, Object> config = baseConfig(kafkaConsumerFactory, properties.deadLettersGroup());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ContainerProperties container =
                new ContainerProperties(topics.deadLetters().name());
        container.setMessageListener((MessageListener<String, byte[]>) record -> {
            if (record.key() != null) {
                releases.releaseRequest(record.key());
            }
        });
        return container(config, container);
    }

    private static Map<String, Object> baseConfig(ConsumerFactory<?, ?> base, String groupId) {
        Map<String, Object> config = new HashMap<>(base.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    private static <V> ConcurrentMessageListenerContainer<String, V> container(
            Map<String, Object> config, ContainerProperties container) {
        // A receive span per record, continuing the trace of the request whose outcome releases the reservation.
        container.setObservationEnabled(true);
        var listener =
                new ConcurrentMessageListenerContainer<String, V>(new DefaultKafkaConsumerFactory<>(config), container);
        ExponentialBackOff backOff =
                new ExponentialBackOff(Duration.ofSeconds(1).toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        listener.setCommonErrorHandler(new DefaultErrorHandler(ReleaseListenersConfiguration::skip, backOff));
        return listener;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        log.warn(
                "Skipping {}-{}@{} (key {}); the sweeper releases its reservation: {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                cause.getClass().getSimpleName(),
                cause.getMessage());
    }
}
