package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.benchmark.WorkerBenchmark.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submission to COMPLETED at a steady rate with DeepSeek answering at once, the whole suite in one JVM, timed by
 * the gateway's own clock (createdAt to completedAt). Baseline: one hop from a plain producer to a consumer on the
 * same broker at the same rate; a request makes at least three such hops (lane, results, and the outbox relay).
 */
final class LatencyScenario {

    private static final Logger log = LoggerFactory.getLogger(LatencyScenario.class);

    private final Infrastructure infrastructure;
    private final int rate;
    private final int seconds;

    LatencyScenario(Infrastructure infrastructure, int rate, int seconds) {
        this.infrastructure = infrastructure;
        this.rate = rate;
        this.seconds = seconds;
    }

    void run(List<Row> rows) throws Exception {
        Percentiles hop = kafkaHop();
        LocalStackSettings settings = LocalStackSettings.forTests();
        try (LocalStack stack = LocalStack.start(settings, infrastructure)) {
            Gateway gateway = new Gateway(stack.gatewayUrl(), "test-admin-key");
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                keys.add(gateway.createUser("bench-latency-" + i, "enterprise"));
            }
            LoadGenerator load = new LoadGenerator(gateway, keys, rate, seconds);
            List<Submitted> submitted = load.run();
            List<Gateway.Final> finals = load.awaitFinal(submitted, Duration.ofSeconds(120));
            Percentiles total = Percentiles.of(finals.stream()
                    .filter(f -> f.status().equals("COMPLETED"))
                    .map(Gateway.Final::millis)
                    .toList());
            Percentiles accept = Percentiles.of(
                    submitted.stream().map(Submitted::acceptMillis).toList());
            log.info("Latency at {}/s: accept {}, submission to completed {}", rate, accept.brief(), total.brief());
            rows.add(new Row(
                    "Submission → COMPLETED at " + rate + " req/s, DeepSeek 0 ms (gateway clock)",
                    total.brief() + (load.refused() > 0 ? ", " + load.refused() + " refused" : ""),
                    "p50 ≤ 20 ms, p99 ≤ 100 ms",
                    "one Kafka hop, producer → consumer: " + hop.brief()));
            rows.add(new Row("POST → 202 at " + rate + " req/s (client clock)", accept.brief(), "—", "—"));
        }
    }

    /** Producer to consumer latency on the same broker, at the same rate, for the same time. */
    private Percentiles kafkaHop() throws Exception {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        String topic = "bench.hop";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<String, Long> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        LongSerializer.class,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            int messages = rate * Math.min(seconds, 10);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            int sent = 0;
            while (latencies.size() < messages) {
                if (sent < messages && System.nanoTime() >= next) {
                    producer.send(new ProducerRecord<>(topic, "k", System.nanoTime()));
                    sent++;
                    next += interval;
                }
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(1))) {
                    latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - record.value()));
                }
            }
        }
        return Percentiles.of(new ArrayList<>(latencies));
    }
}
