package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The keyset position after which the next page starts: an opaque token to clients. */
record Cursor(Instant deadLetteredAt, long id) {

    static Cursor after(StoredLetter letter) {
        return new Cursor(letter.deadLetteredAt(), letter.id());
    }

    String token() {
        String raw = deadLetteredAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException {@code validation_failed} for a token this desk did not hand out */
    static Cursor parse(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new Cursor(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    Long.parseLong(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The cursor is not one this API handed out");
        }
    }
}
