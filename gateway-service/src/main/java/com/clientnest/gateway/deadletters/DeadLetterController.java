package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.deadletters.DeadLetterDesk.BulkReplay;
import com.clientnest.gateway.deadletters.DeadLetterDesk.Replayed;
import com.clientnest.gateway.deadletters.LetterViews.Detail;
import com.clientnest.gateway.deadletters.LetterViews.PageView;
import com.clientnest.gateway.deadletters.OpsAudit.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ops desk's API: dead letters of all three dead-letter topics, listed, inspected, replayed and discarded, and
 * the audit of what was done. The ops or admin role is enforced for the whole path by the auth configuration.
 */
@RestController
@Tag(
        name = "ops desk",
        description = "Dead letters of ai.requests.dlt, ai.results.dlt and ai.usage.dlt (ops or admin role). A letter"
                + " is handled once: 409 already_replayed / already_discarded; only request letters are replayable:"
                + " 409 not_replayable.")
@RequestMapping(path = "/api/v1/ops", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private static final String NO_NUL = "[^\\x00]*";

    private final DeadLetterDesk desk;
    private final LetterPresenter presenter;

    DeadLetterController(DeadLetterDesk desk, LetterPresenter presenter) {
        this.desk = desk;
        this.presenter = presenter;
    }

    @GetMapping("/dead-letters")
    @Operation(summary = "Dead letters newest first, filtered, paged by the opaque nextCursor")
    PageView list(
            @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = NO_NUL) String topic,
            @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = NO_NUL) String reason,
            @RequestParam(required = false) @Pattern(regexp = "sentiment|content|optimization") String type,
            @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = NO_NUL) String userId,
            @RequestParam(required = false) @Pattern(regexp = "OPEN|REPLAYED|DISCARDED") String state,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until,
            @RequestParam(required = false) @Size(max = 100) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        LetterFilter filter = new LetterFilter(
                topic, reason, type, userId, state == null ? null : LetterState.valueOf(state), since, until);
        return presenter.page(desk.list(filter, Cursor.parse(cursor), limit));
    }

    @GetMapping("/dead-letters/{id}")
    @Operation(summary = "One dead letter: decoded event, reason, attempts, last error, origin, headers, audit")
    @ApiResponse(responseCode = "404", description = "not_found")
    Detail inspect(@PathVariable long id) {
        return presenter.detail(desk.find(id));
    }

    @PostMapping("/dead-letters/{id}/replay")
    @Operation(
            summary = "Replay a request letter: original bytes back to the original lane, request QUEUED, quota"
                    + " reserved again")
    @ApiResponse(responseCode = "409", description = "already_replayed, already_discarded or not_replayable")
    @ApiResponse(responseCode = "429", description = "quota_exceeded (402 budget_exhausted, 503 unavailable)")
    Replayed replay(@PathVariable long id, @Parameter(hidden = true) Caller caller) {
        return desk.replay(id, actor(caller));
    }

    @PostMapping(path = "/dead-letters/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replay every open letter that matches the filter, each on its own; refusals are listed")
    BulkReplay replayMatching(@Valid @RequestBody ReplayFilter filter, @Parameter(hidden = true) Caller caller) {
        return desk.replayMatching(
                new LetterFilter(
                        filter.topic(),
                        filter.reason(),
                        filter.type(),
                        filter.userId(),
                        null,
                        filter.since(),
                        filter.until()),
                filter.limit() == null ? 100 : filter.limit(),
                actor(caller));
    }

    @PostMapping(path = "/dead-letters/{id}/discard", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Discard a letter with a note; its request becomes FAILED with code 'discarded'")
    @ApiResponse(responseCode = "409", description = "already_replayed or already_discarded")
    Detail discard(
            @PathVariable long id, @Valid @RequestBody DiscardNote body, @Parameter(hidden = true) Caller caller) {
        return presenter.detail(desk.discard(id, body.note().strip(), actor(caller)));
    }

    @GetMapping("/audit")
    @Operation(summary = "Who replayed or discarded what, and when; newest first")
    List<OpsAudit.Entry> audit(
            @RequestParam(required = false) Long deadLetterId,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return desk.audit(deadLetterId, before, limit);
    }

    static Actor actor(Caller caller) {
        return new Actor(caller.userId(), caller.name());
    }

    /** Which open letters to replay: {@code limit} (default 100) of them, newest first. */
    record ReplayFilter(
            @Size(max = 200) @Pattern(regexp = NO_NUL) String topic,
            @Size(max = 100) @Pattern(regexp = NO_NUL) String reason,

            @Pattern(regexp = "sentiment|content|optimization")
            String type,

            @Size(max = 200) @Pattern(regexp = NO_NUL) String userId,
            Instant since,
            Instant until,
            @Min(1) @Max(500) Integer limit) {}

    record DiscardNote(
            @NotBlank @Size(max = 1000) @Pattern(regexp = NO_NUL)
            String note) {}
}
