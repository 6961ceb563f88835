package com.clientnest.gateway.queue;

import com.clientnest.gateway.queue.LaneStatistics.LaneView;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The state of the priority lanes, for a client deciding when (and on which lane) to send. */
@RestController
class QueueController {

    private final LaneStatistics statistics;

    QueueController(LaneStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(path = "/api/v1/queue", produces = MediaType.APPLICATION_JSON_VALUE)
    QueueView queue() {
        LaneStatistics.Snapshot snapshot = statistics.current();
        return new QueueView(
                snapshot.measuredAt(),
                snapshot.windowSeconds(),
                LaneStatistics.LANES.stream().map(snapshot.lanes()::get).toList());
    }

    /**
     * @param measuredAt when the figures were read (they are at most a second old)
     * @param windowSeconds the past window over which completions are counted
     */
    record QueueView(Instant measuredAt, long windowSeconds, List<LaneView> lanes) {}
}
