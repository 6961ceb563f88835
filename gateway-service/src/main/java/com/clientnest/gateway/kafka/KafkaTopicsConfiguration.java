package com.clientnest.gateway.kafka;

import com.clientnest.schemas.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topic catalogue for the configured prefix, and the topics themselves: the broker does not auto-create. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    Topics topics(KafkaTopicProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    @Bean
    KafkaAdmin.NewTopics gatewayTopics(Topics topics, KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topics.newTopics(properties.replicationFactor()).toArray(NewTopic[]::new));
    }
}
