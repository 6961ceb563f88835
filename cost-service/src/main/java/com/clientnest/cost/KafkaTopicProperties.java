package com.clientnest.cost;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic settings shared by every service of the suite.
 *
 * @param topicPrefix prepended to every topic name, so several environments can share one cluster
 * @param replicationFactor replication factor of the topics this service declares
 */
@Validated
@ConfigurationProperties("clientnest.kafka")
record KafkaTopicProperties(
        @NotNull @DefaultValue("") String topicPrefix,
        @Min(1) @DefaultValue("1") short replicationFactor) {}
