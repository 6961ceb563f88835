package com.clientnest.cost.usage;

import com.clientnest.schemas.events.UsageRecorded;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One poll of the usage topic sorted into what can be recorded and what never can. Decoding and validation touch
 * only the record, so a record sorted as poison is poison on every delivery. {@code sources} are the records the
 * recordable events were read from, in the same order.
 */
record UsageBatch(
        List<RecordedUsage> recordable, List<ConsumerRecord<String, byte[]>> sources, List<PoisonUsage> poison) {

    static UsageBatch decode(List<ConsumerRecord<String, byte[]>> records, Deserializer<SpecificRecord> values) {
        List<RecordedUsage> recordable = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.size());
        List<PoisonUsage> poison = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            SpecificRecord value;
            try {
                value = record.value() == null ? null : values.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                poison.add(poison(record, PoisonUsage.Reason.UNDECODABLE, e));
                continue;
            }
            if (!(value instanceof UsageRecorded event)) {
                String found = value == null ? "no value" : value.getSchema().getFullName();
                poison.add(new PoisonUsage(
                        record,
                        PoisonUsage.Reason.UNEXPECTED_TYPE,
                        "not a UsageRecorded event: " + found,
                        IllegalArgumentException.class.getName()));
                continue;
            }
            try {
                recordable.add(RecordedUsage.of(event));
                sources.add(record);
            } catch (InvalidUsageEvent e) {
                poison.add(poison(record, PoisonUsage.Reason.INVALID_USAGE, e));
            }
        }
        return new UsageBatch(List.copyOf(recordable), List.copyOf(sources), List.copyOf(poison));
    }

    private static PoisonUsage poison(ConsumerRecord<String, byte[]> record, PoisonUsage.Reason reason, Exception e) {
        return new PoisonUsage(
                record,
                reason,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                e.getClass().getName());
    }
}
