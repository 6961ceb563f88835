package com.clientnest.worker.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetSharesTest {

    @Test
    void theSharesOfAllLiveInstancesAddUpToExactlyTheAccountLimit() {
        Set<String> fleet = Set.of("a", "b", "c");

        List<Integer> shares = List.of(
                FleetShares.shareOf(10, fleet, "a"),
                FleetShares.shareOf(10, fleet, "b"),
                FleetShares.shareOf(10, fleet, "c"));

        assertThat(shares).containsExactly(4, 3, 3);
    }

    @Test
    void anInstanceThatHasNotJoinedYetCountsItself() {
        assertThat(FleetShares.shareOf(2000, Set.of("a"), "b")).isEqualTo(1000);
        assertThat(FleetShares.shareOf(2000, Set.of(), "a")).isEqualTo(2000);
    }

    @Test
    void withMoreInstancesThanTheLimitSomeInstancesGetNothing() {
        Set<String> fleet = Set.of("a", "b", "c");

        assertThat(List.of(
                        FleetShares.shareOf(2, fleet, "a"),
                        FleetShares.shareOf(2, fleet, "b"),
                        FleetShares.shareOf(2, fleet, "c")))
                .containsExactly(1, 1, 0);
    }

    @Test
    void theInstanceIdIsReadBackFromItsConsumersClientIds() {
        WorkerIdentity identity = new WorkerIdentity("3f2a-77");

        assertThat(WorkerIdentity.instanceOf(identity.clientId("lane-high-0"))).hasValue("3f2a-77");
        assertThat(WorkerIdentity.instanceOf("consumer-ai-workers-1")).isEmpty();
    }
}
