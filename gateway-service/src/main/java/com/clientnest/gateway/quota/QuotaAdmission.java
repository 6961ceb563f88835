package com.clientnest.gateway.quota;

import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.quota.CostServiceClient.Answer;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.Tier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's side of quota admission: asks the cost service to reserve for a request before the request is
 * stored or queued, and turns its refusals into the API's problems. The decision itself is the cost service's
 * (one conditional UPDATE of the user's ledger row), so any number of gateways can admit at once.
 */
@Service
public class QuotaAdmission {

    private static final Logger log = LoggerFactory.getLogger(QuotaAdmission.class);
    private static final List<String> REFUSAL_MEMBERS =
            List.of("metric", "limit", "used", "reserved", "requested", "resetsAt");

    private final CostServiceClient costService;
    private final ReservationBatcher batcher;
    private final TokenEstimator estimator;
    private final QuotaProperties properties;

    QuotaAdmission(CostServiceClient costService, ReservationBatcher batcher, QuotaProperties properties) {
        this.costService = costService;
        this.batcher = batcher;
        this.estimator = new TokenEstimator(properties.estimate());
        this.properties = properties;
    }

    /**
     * Reserves the request's requests of its type (one, or one per variant of content suggestions, all in the cost
     * service's one conditional UPDATE) with its estimated tokens and cost ceiling.
     *
     * @param requests how many requests of the type the request counts for
     * @param tier the user's tier in the gateway's own records, used only to register a user the cost service
     *     does not know yet (created before admission existed, or while the cost service was away)
     * @param texts the user's texts that go into the prompt
     * @return the reservation id, to travel with the request
     * @throws ProblemException {@code quota_exceeded}, {@code budget_exhausted} or {@code unavailable}
     */
    public UUID reserve(
            String userId,
            Tier tier,
            UUID requestId,
            RequestType type,
            int requests,
            Integer maxTokens,
            String... texts) {
        return admit(userId, tier, requestId, type, requests, false, maxTokens, texts);
    }

    /**
     * Reserves again for a request that ops replay from the dead-letter topic. Its old reservation was released
     * when its record was dead-lettered (or settled by its usage), so the replay must hold quota afresh and may be
     * refused like any new request; the cost service reopens the request's one reservation rather than adding one.
     *
     * @return the reservation id, the same as the request's first one
     * @throws ProblemException {@code quota_exceeded}, {@code budget_exhausted} or {@code unavailable}
     */
    public UUID reserveForReplay(
            String userId,
            Tier tier,
            UUID requestId,
            RequestType type,
            int requests,
            Integer maxTokens,
            String... texts) {
        return admit(userId, tier, requestId, type, requests, true, maxTokens, texts);
    }

    private UUID admit(
            String userId,
            Tier tier,
            UUID requestId,
            RequestType type,
            int requests,
            boolean replay,
            Integer maxTokens,
            String... texts) {
        // Each variant of content suggestions is its own call with the same prompt, so the estimate scales with them.
        TokenEstimate estimate = estimator.estimate(type, maxTokens, texts).times(requests);
        Map<String, Object> admission = Map.of(
                "userId", userId,
                "requestId", requestId.toString(),
                "type", type.name(),
                "promptTokens", estimate.promptTokens(),
                "completionTokens", estimate.completionTokens(),
                "requests", requests,
                "replay", replay);
        try {
            Answer answer = ask(admission, replay);
            if (answer.status() == 404 && "unknown_account".equals(answer.code())) {
                register(userId, tier);
                answer = ask(admission, replay);
            }
            if (answer.status() == 201) {
                return UUID.fromString(answer.body().path("reservationId").asString());
            }
            throw refusalOrUnavailable(answer);
        } catch (CostServiceUnavailable e) {
            throw unavailable(e);
        }
    }

    /**
     * New submissions go with the others the gateway has in hand, in one call and one commit; a replay, rare and
     * decided differently (it reopens a reservation), goes alone.
     */
    private Answer ask(Map<String, Object> admission, boolean replay) {
        return replay ? costService.reserve(admission) : batcher.reserve(admission, costService.currentTrace());
    }

    /** Gives a reservation back; a failure is only logged, as the cost service's sweeper expires it in the end. */
    public void release(UUID reservationId) {
        try {
            Answer answer = costService.release(reservationId);
            if (answer.status() != 204) {
                log.warn("The cost service answered {} to releasing reservation {}", answer.status(), reservationId);
            }
        } catch (CostServiceUnavailable e) {
            log.warn(
                    "Could not release reservation {}; the cost service's sweeper will: {}",
                    reservationId,
                    e.getMessage());
        }
    }

    /**
     * Tells the cost service a user's tier, so its limits apply from the next request.
     *
     * @throws ProblemException {@code unavailable} when the cost service cannot take it
     */
    public void register(String userId, Tier tier) {
        try {
            Answer answer = costService.registerAccount(userId, tier.name());
            if (answer.status() != 200) {
                throw new CostServiceUnavailable(
                        "The cost service answered " + answer.status() + " to registering an account");
            }
        } catch (CostServiceUnavailable e) {
            throw unavailable(e);
        }
    }

    /**
     * The cost service's usage summary of the user, registering them first if it does not know them.
     *
     * @param month {@code yyyy-MM}, or null for the current month
     */
    public JsonNode usage(String userId, Tier tier, String month) {
        try {
            Answer answer = costService.usage(userId, month);
            if (answer.status() == 404 && "unknown_account".equals(answer.code())) {
                register(userId, tier);
                answer = costService.usage(userId, month);
            }
            if (answer.status() == 200) {
                return answer.body();
            }
            if (answer.status() == 400) {
                throw new ProblemException(
                        ProblemCode.VALIDATION_FAILED,
                        answer.body().path("detail").asString());
            }
            throw new CostServiceUnavailable("The cost service answered " + answer.status() + " to a usage summary");
        } catch (CostServiceUnavailable e) {
            throw unavailable(e);
        }
    }

    private RuntimeException refusalOrUnavailable(Answer answer) {
        ProblemCode code = switch (answer.code()) {
            case "quota_exceeded" -> ProblemCode.QUOTA_EXCEEDED;
            case "budget_exhausted" -> ProblemCode.BUDGET_EXHAUSTED;
            default -> null;
        };
        if (code == null) {
            return unavailable(new CostServiceUnavailable("The cost service answered " + answer.status()
                    + (answer.code().isEmpty() ? "" : " (" + answer.code() + ")") + " to an admission"));
        }
        Map<String, Object> members = new LinkedHashMap<>();
        for (String member : REFUSAL_MEMBERS) {
            JsonNode value = answer.body().get(member);
            if (value != null && !value.isNull()) {
                members.put(member, value.isNumber() ? value.decimalValue() : value.asString());
            }
        }
        Map<String, String> headers =
                answer.retryAfter() == null ? Map.of() : Map.of("Retry-After", answer.retryAfter());
        return new ProblemException(code, answer.body().path("detail").asString(), members, headers);
    }

    private ProblemException unavailable(CostServiceUnavailable cause) {
        log.warn("Quota admission unavailable: {}", cause.getMessage());
        return new ProblemException(
                ProblemCode.UNAVAILABLE,
                "Quotas cannot be checked right now, so nothing is accepted; please retry shortly",
                Map.of(),
                Map.of(
                        "Retry-After",
                        Long.toString(properties.unavailableRetryAfter().toSeconds())));
    }
}
