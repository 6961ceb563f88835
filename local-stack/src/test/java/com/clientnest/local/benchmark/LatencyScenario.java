package com.clientnest.local.benchmark;

import com.clientnest.infrastructure.Infrastructure;
import com.clientnest.local.LocalStack;
import com.clientnest.local.LocalStackSettings;
import com.clientnest.local.benchmark.BenchmarkReport.Row;
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
 * P2: submission to COMPLETED at steady rates with DeepSeek answering at once, the whole suite in one JVM, timed by
 * the gateway's own clock (createdAt to completedAt). Baseline: one hop from a plain producer to a consumer on the
 * same broker at the same rate; a request makes at least three such hops (the outbox relay to its lane, its result,
 * its usage).
 */
final class LatencyScenario {

    private static final Logger log = LoggerFactory.getLogger(LatencyScenario.class);

    private final Infrastructure infrastructure;
    private final List<Integer> rates;
    private final int warmupSeconds;
    private final int seconds;

    LatencyScenario(Infrastructure infrastructure, List<Integer> rates, int warmupSeconds, int seconds) {
        this.infrastructure = infrastructure;
        this.rates = List.copyOf(rates);
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    void run(List<Row> rows) throws Exception {
        LocalStackSettings settings = LocalStackSettings.forTests();
        try (LocalStack stack = LocalStack.start(settings, infrastructure)) {
            Gateway gateway = new Gateway(stack.gatewayUrl(), "test-admin-key");
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                keys.add(gateway.createUser("bench-latency-" + i, "enterprise"));
            }
            // The first seconds of a fresh JVM are spent compiling (the JIT took about two thirds of the CPU in a
            // profile of them): they are run at the lowest rate and thrown away, so the figures describe the
            // steady state.
            if (warmupSeconds > 0) {
                LoadGenerator warming = new LoadGenerator(gateway, keys, rates.getFirst(), warmupSeconds);
                warming.awaitFinal(warming.run(), Duration.ofSeconds(180));
                log.info("Warmed up for {} s at {}/s", warmupSeconds, rates.getFirst());
            }
            for (int rate : rates) {
                LoadGenerator load = new LoadGenerator(gateway, keys, rate, seconds);
                List<Submitted> submitted = load.run();
                List<Gateway.Final> finals = load.awaitFinal(submitted, Duration.ofSeconds(300));
                Percentiles total = Percentiles.of(finals.stream()
                        .filter(f -> f.status().equals("COMPLETED"))
                        .map(Gateway.Final::millis)
                        .toList());
                Percentiles accept = Percentiles.of(
                        submitted.stream().map(Submitted::acceptMillis).toList());
                Percentiles hop = kafkaHop(rate);
                log.info(
                        "Latency at {}/s: accept {}, submission to completed {}, Kafka hop {}",
                        rate,
                        accept.brief(),
                        total.brief(),
                        hop.brief());
                rows.add(new Row(
                        "P2 Submission → COMPLETED at " + rate + " req/s for " + seconds
                                + " s, DeepSeek 0 ms (gateway clock)",
                        total.brief() + (load.refused() > 0 ? ", " + load.refused() + " refused" : ""),
                        rate == 100 ? "p50 ≤ 20 ms, p99 ≤ 100 ms" : "—",
                        "one Kafka hop, producer → consumer: " + hop.brief()));
                rows.add(new Row("P2 POST → 202 at " + rate + " req/s (client clock)", accept.brief(), "—", "—"));
            }
        }
    }

    /** Producer to consumer latency on the same broker, at the same rate, for up to 10 s. */
    private Percentiles kafkaHop(int rate) throws Exception {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        String topic = "bench.hop." + rate;
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
