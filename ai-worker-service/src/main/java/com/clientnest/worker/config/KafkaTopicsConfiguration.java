package com.clientnest.worker.config;

import com.clientnest.schemas.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    Topics topics(@Value("${clientnest.kafka.topic-prefix:}") String prefix) {
        return new Topics(prefix);
    }

    @Bean
    KafkaAdmin.NewTopics declaredTopics(
            Topics topics, @Value("${clientnest.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(topics.newTopics(replicationFactor).toArray(NewTopic[]::new));
    }
}
