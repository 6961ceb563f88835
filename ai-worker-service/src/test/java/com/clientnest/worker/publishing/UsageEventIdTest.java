package com.clientnest.worker.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A call's usage sent again is the same event to the cost service; another call's usage is another event. */
class UsageEventIdTest {

    @Test
    void theUsageOfOneCallKeepsItsEventIdAndEveryOtherCallGetsItsOwn() {
        // Given the usage of one DeepSeek call of a request, of a second call of it, and of a call of another request
        // When their event ids are made, the first twice (its first send timed out)
        List<String> ids = List.of(
                OutcomePublisher.usageEventId("request-1", "chatcmpl-a"),
                OutcomePublisher.usageEventId("request-1", "chatcmpl-a"),
                OutcomePublisher.usageEventId("request-1", "chatcmpl-b"),
                OutcomePublisher.usageEventId("request-2", "chatcmpl-a"));

        // Then the repeat has the first one's id and the others have ids of their own
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(ids.stream().distinct().count()).isEqualTo(3L);
    }

    @Test
    void aCallWithoutAnIdGetsARandomEventIdEachTime() {
        // Given a call DeepSeek sent no id for; when its event id is made twice; then they differ
        assertThat(OutcomePublisher.usageEventId("request-1", null))
                .isNotEqualTo(OutcomePublisher.usageEventId("request-1", null));
    }
}
