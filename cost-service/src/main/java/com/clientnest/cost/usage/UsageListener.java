package com.clientnest.cost.usage;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds each batch of the usage topic to the {@link UsageRecorder}: the events that can be recorded in one
 * transaction, then the ones that never can to the usage dead-letter topic. An exception (the database or the
 * broker away) fails the whole batch, which is delivered again; recording is idempotent on the event id.
 */
@Component
class UsageListener {

    private final UsageRecorder recorder;
    private final UsageDeadLetters deadLetters;

    UsageListener(UsageRecorder recorder, UsageDeadLetters deadLetters) {
        this.recorder = recorder;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = UsageKafkaConfiguration.LISTENER_ID,
            idIsGroup = false,
            topics = "#{@topics.usage().name()}",
            containerFactory = UsageKafkaConfiguration.CONTAINER_FACTORY)
    void onUsage(List<ConsumerRecord<String, byte[]>> records) {
        UsageBatch batch = UsageBatch.decode(records, deadLetters.deserializer());
        recorder.recordAll(batch.recordable());
        deadLetters.publish(batch.poison());
    }
}
