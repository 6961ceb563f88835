package com.clientnest.worker;

import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.Tier;
import java.time.Instant;
import java.util.UUID;

/** Requests as the gateway puts them on a lane: fresh event, request and user ids, for the tests to complete. */
final class LaneRecords {

    private LaneRecords() {}

    /** A request of a user of the tier on the lane; the caller sets its type and input, and may override the rest. */
    static AiRequested.Builder request(Tier tier, Lane lane, int priorityScore) {
        return AiRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setRequestId(UUID.randomUUID().toString())
                .setUserId("user-" + UUID.randomUUID())
                .setTier(tier)
                .setLane(lane)
                .setPriorityScore(priorityScore);
    }
}
