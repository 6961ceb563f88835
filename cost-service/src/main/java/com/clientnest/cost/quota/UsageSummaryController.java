package com.clientnest.cost.quota;

import com.clientnest.cost.InvalidRequestException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage summaries for other services of the suite (the gateway's {@code GET /api/v1/usage}); the tier is this
 * service's own record of the user, never a parameter.
 */
@RestController
class UsageSummaryController {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    private final UsageSummaries summaries;
    private final Clock clock;

    UsageSummaryController(UsageSummaries summaries, Clock clock) {
        this.summaries = summaries;
        this.clock = clock;
    }

    @GetMapping("/internal/v1/users/{userId}/usage")
    UsageSummary usage(@PathVariable String userId, @RequestParam(required = false) String month) {
        YearMonth yearMonth = month == null ? YearMonth.now(clock) : monthOf(month);
        return summaries.summarize(userId, yearMonth);
    }

    private static YearMonth monthOf(String month) {
        try {
            return YearMonth.parse(month, MONTH);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("month must be a UTC calendar month as yyyy-MM, not '" + month + "'");
        }
    }
}
