package com.clientnest.schemas.kafka;

import com.clientnest.schemas.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic catalogue for the configured prefix, and every topic of the suite declared on the broker (which does
 * not auto-create): imported by each service, so all three build their names from the same settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientNestKafkaProperties.class)
public class SuiteTopicsConfiguration {

    @Bean
    Topics topics(ClientNestKafkaProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    @Bean
    KafkaAdmin.NewTopics declaredTopics(Topics topics, ClientNestKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                topics.newTopics(properties.replicationFactor()).toArray(NewTopic[]::new));
    }
}
