package com.clientnest.cost.usage;

import com.clientnest.schemas.events.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds every event of the usage topic to the {@link UsageRecorder}. */
@Component
class UsageListener {

    private final UsageRecorder recorder;

    UsageListener(UsageRecorder recorder) {
        this.recorder = recorder;
    }

    @KafkaListener(
            id = UsageKafkaConfiguration.LISTENER_ID,
            idIsGroup = false,
            topics = "#{@topics.usage().name()}",
            containerFactory = UsageKafkaConfiguration.CONTAINER_FACTORY)
    void onUsage(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof UsageRecorded event)) {
            throw new InvalidUsageEvent("not a UsageRecorded event: "
                    + (record.value() == null
                            ? "no value"
                            : record.value().getSchema().getFullName()));
        }
        recorder.record(event);
    }
}
