package com.clientnest.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.auth.Role;
import com.clientnest.schemas.events.Tier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SubmissionOutcomesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SubmissionOutcomes outcomes = new SubmissionOutcomes(registry);
    private final Caller starter = new Caller("user-1", "Ann", Tier.STARTER, Set.of(Role.USER));

    @Test
    void countsEachSubmissionOnceByTypeLaneTierAndOutcomeWithoutTheUser() {
        // Given submissions ending in every outcome the gateway decides
        write("POST", "/api/v1/ai/content", starter, SubmissionAccepted.queued(UUID.randomUUID(), "low", 3));
        write("POST", "/api/v1/ai/sentiment", starter, problem(HttpStatus.BAD_REQUEST, "validation_failed"));
        write("POST", "/api/v1/ai/sentiment", starter, problem(HttpStatus.TOO_MANY_REQUESTS, "rate_limited"));
        write("POST", "/api/v1/ai/optimization", starter, problem(HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded"));
        write("POST", "/api/v1/ai/optimization", starter, problem(HttpStatus.PAYMENT_REQUIRED, "budget_exhausted"));
        write("POST", "/api/v1/ai/content", starter, problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable"));
        write("POST", "/api/v1/ai/content", null, problem(HttpStatus.UNAUTHORIZED, "unauthorized"));

        // When requests that are not submissions pass as well
        write("GET", "/api/v1/ai/requests/42", starter, problem(HttpStatus.NOT_FOUND, "not_found"));
        write("POST", "/api/v1/admin/users", starter, problem(HttpStatus.FORBIDDEN, "forbidden"));

        // Then the counter holds exactly one series per submission outcome, tagged from closed vocabularies only
        assertThat(counted())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "type=content lane=low tier=starter outcome=accepted", 1.0,
                        "type=sentiment lane=none tier=starter outcome=invalid", 1.0,
                        "type=sentiment lane=none tier=starter outcome=rate_limited", 1.0,
                        "type=optimization lane=none tier=starter outcome=quota_exceeded", 2.0,
                        "type=content lane=none tier=starter outcome=unavailable", 1.0,
                        "type=content lane=none tier=none outcome=unauthorized", 1.0));
    }

    private void write(String method, String path, Caller caller, Object body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (caller != null) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        }
        outcomes.beforeBodyWrite(
                body,
                null,
                MediaType.APPLICATION_JSON,
                null,
                new ServletServerHttpRequest(request),
                new ServletServerHttpResponse(new MockHttpServletResponse()));
    }

    private static ProblemDetail problem(HttpStatus status, String code) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setProperty("code", code);
        return problem;
    }

    private Map<String, Double> counted() {
        Map<String, Double> counted = new TreeMap<>();
        for (Counter counter : registry.find(SubmissionOutcomes.SUBMISSIONS).counters()) {
            var id = counter.getId();
            counted.put(
                    "type=" + id.getTag("type") + " lane=" + id.getTag("lane") + " tier=" + id.getTag("tier")
                            + " outcome=" + id.getTag("outcome"),
                    counter.count());
        }
        return counted;
    }
}
