package com.clientnest.gateway.kafka;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The suite-wide Kafka settings every service reads ({@code clientnest.kafka.*}).
 *
 * @param topicPrefix prepended to every topic name, so several environments can share a cluster
 * @param replicationFactor replication of the topics this service creates
 */
@Validated
@ConfigurationProperties("clientnest.kafka")
record KafkaTopicProperties(
        @DefaultValue("") String topicPrefix,
        @Min(1) @DefaultValue("1") short replicationFactor) {}
