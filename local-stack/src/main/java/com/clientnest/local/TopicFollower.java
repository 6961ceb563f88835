package com.clientnest.local;

import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./run-local follow <topic>}: prints a topic of the running stack from its beginning, one line a record
 * (time, key, the event decoded from its single-object Avro), and then what arrives, until Ctrl-C. Kafka's console
 * consumer would print the Avro bytes, and is not installed where only a JDK is. It reads without a consumer group,
 * so it takes nothing from the suite's own consumers.
 */
final class TopicFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSingleObjectDeserializer events = new AvroSingleObjectDeserializer();
    private final String topic;

    TopicFollower(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "clientnest-follow"));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            List<String> topics = consumer.listTopics(Duration.ofSeconds(10)).keySet().stream()
                    .filter(name -> !name.startsWith("__"))
                    .sorted()
                    .toList();
            consumer.close();
            throw new IllegalArgumentException(
                    "No topic " + topic + " on " + bootstrapServers + "; its topics: " + String.join(", ", topics));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Prints the records one poll brings; returns how many. */
    int printNext(Consumer<String> out) {
        int printed = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            out.accept(line(record));
            printed++;
        }
        return printed;
    }

    private String line(ConsumerRecord<String, byte[]> record) {
        String value;
        try {
            SpecificRecord event = events.deserialize(topic, record.value());
            value = event == null ? "null" : event.getSchema().getName() + " " + event;
        } catch (RuntimeException e) {
            // A record that is not one of the suite's events (e.g. sent by hand) is shown, not fatal.
            value = "(" + (record.value() == null ? 0 : record.value().length) + " bytes that are not an event: "
                    + e.getMessage() + ")";
        }
        return Instant.ofEpochMilli(record.timestamp()) + " " + record.key() + " " + value;
    }

    /** Ends a {@link #printNext} under way from another thread. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    static void run(List<String> args) {
        if (args.size() != 1) {
            System.err.println("Usage: ./run-local follow <topic>   e.g. ./run-local follow ai.quota.warnings");
            System.exit(2);
        }
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        try (TopicFollower follower = new TopicFollower(bootstrap, args.get(0))) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                follower.wakeup();
                try {
                    main.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            while (true) {
                follower.printNext(System.out::println);
            }
        } catch (WakeupException stopped) {
            // Ctrl-C.
        } catch (IllegalArgumentException | org.apache.kafka.common.errors.TimeoutException e) {
            // No such topic, or no broker where the stack's should be: a sentence, not a stack trace.
            System.err.println(
                    e instanceof IllegalArgumentException
                            ? e.getMessage()
                            : "No Kafka broker answered at " + bootstrap + ": is ./run-local running?");
            System.exit(2);
        }
    }
}
