package com.clientnest.cost.reservation;

import com.clientnest.schemas.events.RequestType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What the gateway asks to reserve for one request before it accepts it.
 *
 * @param userId whose quota; the tier is this service's own record of the user
 * @param requestId the request, at most one reservation each
 * @param type the request type
 * @param requests how many requests of the type to reserve: the variants of a content-suggestions request; absent
 *     means one
 * @param promptTokens the gateway's upper estimate of the prompt tokens
 * @param completionTokens the most completion tokens the request may produce ({@code max_tokens})
 * @param replay true when ops replay the request from the dead-letter topic: its reservation, released or settled,
 *     is reopened with this hold instead of being answered as it stands
 */
record AdmissionRequest(
        @NotBlank @Size(max = 200) String userId,
        @NotBlank @Size(max = 200) String requestId,
        @NotNull RequestType type,
        @PositiveOrZero @Max(10_000_000) long promptTokens,
        @PositiveOrZero @Max(10_000_000) long completionTokens,
        @Min(1) @Max(MAX_REQUESTS) Integer requests,
        Boolean replay) {

    /** Content suggestions ask for at most 10 variants; the margin lets the gateway raise that without this. */
    static final int MAX_REQUESTS = 100;

    int requestCount() {
        return requests == null ? 1 : requests;
    }

    boolean isReplay() {
        return Boolean.TRUE.equals(replay);
    }
}
