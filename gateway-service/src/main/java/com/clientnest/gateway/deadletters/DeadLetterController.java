package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.deadletters.DeadLetterDesk.BulkReplay;
import com.clientnest.gateway.deadletters.DeadLetterDesk.Replayed;
import com.clientnest.gateway.deadletters.LetterViews.Detail;
import com.clientnest.gateway.deadletters.LetterViews.PageView;
import com.clientnest.gateway.deadletters.OpsAudit.Actor;
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
    Detail inspect(@PathVariable long id) {
        return presenter.detail(desk.find(id));
    }

    @PostMapping("/dead-letters/{id}/replay")
    Replayed replay(@PathVariable long id, Caller caller) {
        return desk.replay(id, actor(caller));
    }

    @PostMapping(path = "/dead-letters/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    BulkReplay replayMatching(@Valid @RequestBody ReplayFilter filter, Caller caller) {
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
    Detail discard(@PathVariable long id, @Valid @RequestBody DiscardNote body, Caller caller) {
        return presenter.detail(desk.discard(id, body.note().strip(), actor(caller)));
    }

    @GetMapping("/audit")
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
