package com.clientnest.gateway.status;

import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a page of the caller's requests ended: the creation time and id of its last request, the keyset the next
 * page starts after. Opaque to clients (base64url), so its form may change; a cursor that does not decode is a 400.
 */
record PageCursor(Instant createdAt, UUID id) {

    String encode() {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or null for the first page. */
    static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            int dot = plain.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon || cursor.length() > 200) {
                throw invalid();
            }
            Instant createdAt = Instant.ofEpochSecond(
                    Long.parseLong(plain.substring(0, dot)), Long.parseLong(plain.substring(dot + 1, colon)));
            return new PageCursor(createdAt, UUID.fromString(plain.substring(colon + 1)));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        String message = "is not a cursor this API gave out";
        return new ProblemException(
                ProblemCode.VALIDATION_FAILED,
                "'cursor' " + message,
                Map.of("errors", List.of(Map.of("field", "cursor", "message", message))),
                Map.of());
    }
}
