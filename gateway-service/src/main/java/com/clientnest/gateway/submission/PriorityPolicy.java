package com.clientnest.gateway.submission;

import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;

/**
 * The priority rules of the design: score = tier base (enterprise 100, business 80, professional 60, starter 40,
 * free 20) + request type (sentiment 10, optimisation 5, generation 0) + 50 if urgent; score 90 and above travels
 * on the high lane, 50 to 89 on the normal lane, below 50 on the low lane.
 *
 * <p>A client may name a lane. Asking for a lower lane than the score gives is always granted; asking for a
 * higher one only for professional tier and above, whose requests the product promises to speed up on demand.
 */
final class PriorityPolicy {

    static final int HIGH_LANE_SCORE = 90;
    static final int NORMAL_LANE_SCORE = 50;
    static final int URGENT_BONUS = 50;

    Priority decide(Tier tier, RequestType type, boolean urgent, RequestedPriority requested) {
        int score = tierBase(tier) + typeBonus(type) + (urgent ? URGENT_BONUS : 0);
        Lane scored = laneFor(score);
        if (requested == null) {
            return new Priority(score, scored);
        }
        Lane asked = Lane.valueOf(requested.name());
        boolean lowering = asked.ordinal() >= scored.ordinal();
        boolean mayRaise = tier.ordinal() >= Tier.PROFESSIONAL.ordinal();
        return new Priority(score, lowering || mayRaise ? asked : scored);
    }

    static Lane laneFor(int score) {
        if (score >= HIGH_LANE_SCORE) {
            return Lane.HIGH;
        }
        return score >= NORMAL_LANE_SCORE ? Lane.NORMAL : Lane.LOW;
    }

    private static int tierBase(Tier tier) {
        return switch (tier) {
            case ENTERPRISE -> 100;
            case BUSINESS -> 80;
            case PROFESSIONAL -> 60;
            case STARTER -> 40;
            case FREE -> 20;
        };
    }

    private static int typeBonus(RequestType type) {
        return switch (type) {
            case SENTIMENT_ANALYSIS -> 10;
            case CONTENT_OPTIMIZATION -> 5;
            case CONTENT_GENERATION -> 0;
        };
    }

    /** The score the request earned and the lane it travels on. */
    record Priority(int score, Lane lane) {}
}
