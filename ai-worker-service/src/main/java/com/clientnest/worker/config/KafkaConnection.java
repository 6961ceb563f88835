package com.clientnest.worker.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** Where the cluster is and how to reach it, for the clients the worker builds itself (security settings included). */
@Component
public class KafkaConnection {

    private final KafkaProperties kafka;

    KafkaConnection(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** A fresh, mutable map, to which a client adds its own settings. */
    public Map<String, Object> properties() {
        Map<String, Object> config = new HashMap<>(kafka.getProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        return config;
    }
}
