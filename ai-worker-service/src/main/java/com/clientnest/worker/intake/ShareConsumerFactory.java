package com.clientnest.worker.intake;

import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.springframework.stereotype.Component;

/**
 * Makes the lane consumers' share consumers. A bean of its own so that a test can wrap what it makes, e.g. to lose
 * an acknowledgement on purpose.
 */
@Component
public class ShareConsumerFactory {

    public ShareConsumer<String, byte[]> create(Map<String, Object> config) {
        return new KafkaShareConsumer<>(config);
    }
}
