package com.clientnest.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.clientnest.infrastructure.SharedTestInfrastructure;
import com.clientnest.infrastructure.TopicProbe;
import com.clientnest.schemas.events.QuotaWarningRaised;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import com.clientnest.schemas.events.UsageRecorded;
import com.clientnest.schemas.serde.AvroSingleObjectDeserializer;
import com.clientnest.schemas.topics.Topics;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CostIntegrationTest
class QuotaWarningsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    private int port;

    @Autowired
    private Topics topics;

    private UsagePublisher publisher;
    private TopicProbe<SpecificRecord> warnings;

    @BeforeEach
    void open() {
        publisher = new UsagePublisher(topics.usage());
        warnings = TopicProbe.start(
                SharedTestInfrastructure.get().kafkaBootstrapServers(),
                new AvroSingleObjectDeserializer(),
                List.of(topics.quotaWarnings().name()));
    }

    @AfterEach
    void close() {
        publisher.close();
        warnings.close();
    }

    @Test
    void raisesTheEightyAndHundredPercentWarningsOnceEachEvenWhenUsageIsRedelivered() throws Exception {
        // Given a free user (5 optimisations a month) registered with the cost service
        String userId = UsageEvents.newUserId();
        register(userId, "free");
        List<UsageRecorded> optimisations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            optimisations.add(UsageEvents.contentGeneration(userId)
                    .setTier(Tier.FREE)
                    .setType(RequestType.CONTENT_OPTIMIZATION)
                    .build());
        }

        // When the first four arrive, then all five, each of the first four a second time
        for (UsageRecorded event : optimisations.subList(0, 4)) {
            publisher.publish(event);
        }
        await().atMost(TIMEOUT).until(() -> warningsOf(userId).size() == 1);
        for (UsageRecorded event : optimisations) {
            publisher.publish(event);
        }

        // Then the 80 % warning came at the fourth and the 100 % at the fifth, once each
        await().atMost(TIMEOUT).until(() -> warningsOf(userId).size() >= 2);
        Thread.sleep(2000);
        List<QuotaWarningRaised> raised = warningsOf(userId);
        assertThat(raised)
                .extracting(
                        QuotaWarningRaised::getUserId,
                        QuotaWarningRaised::getTier,
                        QuotaWarningRaised::getMetric,
                        QuotaWarningRaised::getThreshold,
                        QuotaWarningRaised::getUsed,
                        QuotaWarningRaised::getLimit,
                        QuotaWarningRaised::getMonth)
                .containsExactly(
                        tuple(
                                userId,
                                Tier.FREE,
                                "content_optimization",
                                new BigDecimal("0.80"),
                                new BigDecimal("4.000000"),
                                new BigDecimal("5.000000"),
                                "2026-11"),
                        tuple(
                                userId,
                                Tier.FREE,
                                "content_optimization",
                                new BigDecimal("1.00"),
                                new BigDecimal("5.000000"),
                                new BigDecimal("5.000000"),
                                "2026-11"));

        // And the usage summary lists them
        HttpResponse<String> summary = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/internal/v1/users/" + userId
                                        + "/usage?month=2026-11"))
                                .header("Authorization", "Bearer " + CostIntegrationTest.SERVICE_TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(summary.body()).contains("\"warnings\":[{\"metric\":\"content_optimization\",\"threshold\":0.80");
    }

    private List<QuotaWarningRaised> warningsOf(String userId) {
        return warnings.records(topics.quotaWarnings().name(), userId).stream()
                .map(ConsumerRecord::value)
                .map(QuotaWarningRaised.class::cast)
                .toList();
    }

    private void register(String userId, String tier) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/internal/v1/accounts/" + userId))
                                .header("Authorization", "Bearer " + CostIntegrationTest.SERVICE_TOKEN)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"tier\":\"" + tier + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
