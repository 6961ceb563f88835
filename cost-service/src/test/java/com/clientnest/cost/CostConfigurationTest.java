package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.schemas.kafka.ClientNestKafkaProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

class CostConfigurationTest {

    @Test
    void shipsTheWellKnownPortSchemaAndTopicDefaults() {
        // Given the shipped configuration file
        Binder binder = ShippedConfiguration.binder();

        // Then
        assertThat(binder.bind("server.port", Integer.class).get()).isEqualTo(8081);
        assertThat(binder.bind("spring.flyway.schemas", String.class).get()).isEqualTo("cost");
        assertThat(binder.bind("spring.flyway.locations", String.class).get()).isEqualTo("classpath:db/migration/cost");
        assertThat(binder.bind("spring.datasource.hikari.schema", String.class).get())
                .isEqualTo("cost");
        assertThat(binder.bindOrCreate("clientnest.kafka", ClientNestKafkaProperties.class))
                .isEqualTo(new ClientNestKafkaProperties("", (short) 1));
    }
}
