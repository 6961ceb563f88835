package com.clientnest.gateway.status;

import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.status.StatusRepository.ListFilter;
import com.clientnest.gateway.status.StatusRepository.StoredRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Lists a user's own requests by keyset pagination: stable under inserts, and as fast on page 500 as on page 1. */
@Service
class RequestListing {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final List<String> TYPES = List.of("sentiment", "content", "optimization", "suggestions");

    private final StatusRepository requests;

    RequestListing(StatusRepository requests) {
        this.requests = requests;
    }

    RequestPage list(String userId, String status, String type, String since, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        ListFilter filter = new ListFilter(userId, status(status), type(type), since(since), PageCursor.decode(cursor));
        // One more than asked tells whether another page follows without a COUNT.
        List<StoredRequest> rows = requests.page(filter, size + 1);
        boolean more = rows.size() > size;
        List<StoredRequest> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            StoredRequest last = page.get(page.size() - 1);
            next = new PageCursor(last.createdAt(), last.id()).encode();
        }
        return new RequestPage(page.stream().map(RequestListing::item).toList(), next);
    }

    private static RequestPage.Item item(StoredRequest request) {
        return new RequestPage.Item(
                request.id(),
                request.type(),
                request.status(),
                request.lane(),
                request.createdAt(),
                request.completedAt(),
                "/api/v1/ai/requests/" + request.id());
    }

    private static RequestStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return RequestStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("status", "must be one of " + Arrays.toString(RequestStatus.values()));
        }
    }

    private static String type(String type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        if (!TYPES.contains(type)) {
            throw invalid("type", "must be one of " + TYPES);
        }
        return type;
    }

    private static Instant since(String since) {
        if (since == null || since.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw invalid("since", "must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(
                ProblemCode.VALIDATION_FAILED,
                "'" + field + "' " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))),
                Map.of());
    }
}
