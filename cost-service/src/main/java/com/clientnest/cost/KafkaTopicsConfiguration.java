package com.clientnest.cost;

import com.clientnest.schemas.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topic catalogue for this service's prefix, and every topic of the suite declared on the broker. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    Topics topics(KafkaTopicProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    @Bean
    KafkaAdmin.NewTopics declaredTopics(Topics topics, KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topics.newTopics(properties.replicationFactor()).toArray(NewTopic[]::new));
    }
}
