package com.clientnest.schemas.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka settings of the whole suite ({@code clientnest.kafka.*}), read the same way by every service. Relaxed
 * binding gives each its standard environment name: {@code CLIENTNEST_KAFKA_TOPIC_PREFIX},
 * {@code CLIENTNEST_KAFKA_REPLICATION_FACTOR}.
 *
 * @param topicPrefix prepended to every topic name, so several environments can share one cluster; every service
 *     of one environment must be given the same
 * @param replicationFactor replication factor of the topics each service declares
 */
@Validated
@ConfigurationProperties("clientnest.kafka")
public record ClientNestKafkaProperties(
        @NotNull @DefaultValue("") String topicPrefix,
        @Min(1) @DefaultValue("1") short replicationFactor) {}
