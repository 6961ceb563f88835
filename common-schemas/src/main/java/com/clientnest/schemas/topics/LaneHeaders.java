package com.clientnest.schemas.topics;

/** Headers a request may carry on its lane, besides the {@code AiRequested} value. */
public final class LaneHeaders {

    /**
     * How often a worker has put the request back on its lane as a fresh record: during a DeepSeek outage a record
     * is re-published rather than released, so waiting out the outage does not use up its delivery count.
     */
    public static final String REQUEUES = "clientnest.lane.requeues";

    /**
     * Set on a request that ops replayed from the dead-letter topic: the ops desk's id of the dead letter. A record
     * that carries it is new work, not a redelivery.
     */
    public static final String REPLAY_OF = "clientnest.lane.replay-of";

    private LaneHeaders() {}
}
