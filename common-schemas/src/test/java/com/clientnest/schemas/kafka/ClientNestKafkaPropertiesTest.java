package com.clientnest.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ClientNestKafkaPropertiesTest {

    @Test
    void bindsTheSuitesStandardEnvironmentNames() {
        // Given the environment of a container
        Binder binder = binderOver(Map.of(
                "CLIENTNEST_KAFKA_TOPIC_PREFIX", "staging.",
                "CLIENTNEST_KAFKA_REPLICATION_FACTOR", "3"));

        // When
        ClientNestKafkaProperties properties = binder.bindOrCreate("clientnest.kafka", ClientNestKafkaProperties.class);

        // Then
        assertThat(properties).isEqualTo(new ClientNestKafkaProperties("staging.", (short) 3));
    }

    @Test
    void defaultsToNoPrefixAndOneReplica() {
        // Given an environment that says nothing about Kafka topics
        Binder binder = binderOver(Map.of("PATH", "/usr/bin"));

        // When
        ClientNestKafkaProperties properties = binder.bindOrCreate("clientnest.kafka", ClientNestKafkaProperties.class);

        // Then
        assertThat(properties).isEqualTo(new ClientNestKafkaProperties("", (short) 1));
    }

    private static Binder binderOver(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment));
    }
}
