package com.clientnest.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.AiFailed;
import com.clientnest.schemas.events.Lane;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicNameCarriesTheConfiguredPrefix() {
        // Given
        Topics topics = new Topics("staging.");

        // Then
        assertThat(topics.all())
                .extracting(TopicDescriptor::name)
                .containsExactly(
                        "staging.ai.requests.high",
                        "staging.ai.requests.normal",
                        "staging.ai.requests.low",
                        "staging.ai.requests.dlt",
                        "staging.ai.results",
                        "staging.ai.usage",
                        "staging.ai.quota.warnings",
                        "staging.ai.usage.dlt",
                        "staging.ai.requests.started",
                        "staging.ai.results.dlt",
                        "staging.ai.requests.cancelled");
    }

    @Test
    void lanesAreServedHighBeforeNormalBeforeLow() {
        Topics topics = new Topics("");

        assertThat(topics.lanes())
                .containsExactly(topics.lane(Lane.HIGH), topics.lane(Lane.NORMAL), topics.lane(Lane.LOW));
    }

    @Test
    void theResultsTopicCarriesBothOutcomes() {
        TopicDescriptor results = new Topics(null).results();

        assertThat(results.name()).isEqualTo("ai.results");
        assertThat(results.carries(AiCompleted.class)).isTrue();
        assertThat(results.carries(AiFailed.class)).isTrue();
    }

    @Test
    void theBrokerIsAskedForEveryTopicWithItsPartitionsAndTheGivenReplication() {
        Topics topics = new Topics("");

        assertThat(topics.newTopics((short) 3))
                .extracting(NewTopic::name, NewTopic::numPartitions, NewTopic::replicationFactor)
                .containsExactly(
                        tuple("ai.requests.high", 3, (short) 3),
                        tuple("ai.requests.normal", 3, (short) 3),
                        tuple("ai.requests.low", 3, (short) 3),
                        tuple("ai.requests.dlt", 1, (short) 3),
                        tuple("ai.results", 3, (short) 3),
                        tuple("ai.usage", 3, (short) 3),
                        tuple("ai.quota.warnings", 1, (short) 3),
                        tuple("ai.usage.dlt", 1, (short) 3),
                        tuple("ai.requests.started", 3, (short) 3),
                        tuple("ai.results.dlt", 1, (short) 3),
                        tuple("ai.requests.cancelled", 3, (short) 3));
    }

    @Test
    void cancellationsAreCompactedAndExpireAfterAWeekSoEveryWorkerCanReadThemAllFromTheStart() {
        // Given
        Topics topics = new Topics("");

        // When
        NewTopic cancelled = topics.newTopics((short) 1).stream()
                .filter(topic -> topic.name().equals(topics.cancelled().name()))
                .findFirst()
                .orElseThrow();

        // Then
        assertThat(cancelled.configs())
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000"));
        assertThat(topics.cancelled().carries(com.clientnest.schemas.events.AiCancelled.class))
                .isTrue();
    }
}
