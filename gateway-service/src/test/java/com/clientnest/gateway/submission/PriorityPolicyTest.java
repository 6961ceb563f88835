package com.clientnest.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.submission.PriorityPolicy.Priority;
import com.clientnest.schemas.events.Lane;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityPolicyTest {

    private final PriorityPolicy policy = new PriorityPolicy();

    @ParameterizedTest(name = "{0} {1} urgent={2} scores {3} on the {4} lane")
    @CsvSource({
        "ENTERPRISE,   SENTIMENT_ANALYSIS,   false, 110, HIGH",
        "BUSINESS,     CONTENT_GENERATION,   false,  80, NORMAL",
        "BUSINESS,     SENTIMENT_ANALYSIS,   false,  90, HIGH",
        "PROFESSIONAL, SENTIMENT_ANALYSIS,   false,  70, NORMAL",
        "PROFESSIONAL, CONTENT_OPTIMIZATION, false,  65, NORMAL",
        "STARTER,      CONTENT_OPTIMIZATION, false,  45, LOW",
        "STARTER,      CONTENT_GENERATION,   true,   90, HIGH",
        "FREE,         CONTENT_GENERATION,   false,  20, LOW",
        "FREE,         SENTIMENT_ANALYSIS,   true,   80, NORMAL",
        "FREE,         CONTENT_GENERATION,   true,   70, NORMAL"
    })
    void scoresTierPlusTypePlusUrgencyAndPicksTheLaneByThresholds(
            Tier tier, RequestType type, boolean urgent, int score, Lane lane) {
        // Given no lane asked for
        // When
        Priority priority = policy.decide(tier, type, urgent, null);
        // Then
        assertThat(priority).isEqualTo(new Priority(score, lane));
    }

    @ParameterizedTest(name = "{0} asking for {1} travels on the {3} lane")
    @CsvSource({
        "PROFESSIONAL, HIGH,   60,  HIGH",
        "BUSINESS,     HIGH,   80,  HIGH",
        "ENTERPRISE,   HIGH,  100,  HIGH",
        "STARTER,      HIGH,   40,  LOW",
        "FREE,         HIGH,   20,  LOW",
        "FREE,         NORMAL, 20,  LOW",
        "FREE,         LOW,    20,  LOW",
        "ENTERPRISE,   LOW,   100,  LOW",
        "ENTERPRISE,   NORMAL,100,  NORMAL",
        "PROFESSIONAL, LOW,    60,  LOW"
    })
    void grantsAHigherLaneOnlyToProfessionalAndAboveButAlwaysALowerOne(
            Tier tier, RequestedPriority requested, int score, Lane lane) {
        // Given a content request that is not urgent
        // When
        Priority priority = policy.decide(tier, RequestType.CONTENT_GENERATION, false, requested);
        // Then the score stays what the rules give; only the lane follows the request
        assertThat(priority).isEqualTo(new Priority(score, lane));
    }

    @ParameterizedTest(name = "score {0} is on the {1} lane")
    @CsvSource({"0, LOW", "49, LOW", "50, NORMAL", "89, NORMAL", "90, HIGH", "160, HIGH"})
    void lanesStartAtNinetyAndFifty(int score, Lane lane) {
        assertThat(PriorityPolicy.laneFor(score)).isEqualTo(lane);
    }
}
