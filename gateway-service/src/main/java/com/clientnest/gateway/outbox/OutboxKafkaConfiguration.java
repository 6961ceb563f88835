package com.clientnest.gateway.outbox;

import com.clientnest.gateway.GatewayProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer of the outbox relay. Records are serialized when they enter the outbox, so the producer only
 * moves bytes; it waits for all in-sync replicas and is idempotent, so a retry inside the client never
 * duplicates a record.
 */
@Configuration(proxyBeanMethods = false)
class OutboxKafkaConfiguration {

    @Bean
    ProducerFactory<String, byte[]> outboxProducerFactory(KafkaProperties kafka, GatewayProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A broker that is down must not hold the relay (and its row locks) longer than one send attempt.
        config.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                properties.outbox().sendTimeout().toMillis());
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(
            @Qualifier("outboxProducerFactory") ProducerFactory<String, byte[]> outboxProducerFactory) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(outboxProducerFactory);
        // A send span per record, in the trace the relay restored from the row (OutboxTracing), whose context the
        // template writes as the record's traceparent.
        template.setObservationEnabled(true);
        return template;
    }
}
