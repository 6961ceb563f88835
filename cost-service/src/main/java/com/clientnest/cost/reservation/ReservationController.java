package com.clientnest.cost.reservation;

import com.clientnest.cost.ledger.Hold;
import com.clientnest.cost.reservation.BatchAdmission.Outcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quota admission for the gateway: {@code POST} reserves for one request before the gateway accepts it, {@code POST
 * .../batch} for the several a gateway has in hand at once, {@code DELETE} gives a reservation back when the request
 * is not going to run.
 */
@RestController
class ReservationController {

    static final String PATH = "/internal/v1/reservations";
    static final String BATCH_PATH = PATH + "/batch";
    static final int MAX_BATCH = 1000;

    private final Admission admission;
    private final BatchAdmission batchAdmission;
    private final AdmissionSpans spans;
    private final ReservationReleases releases;
    private final Clock clock;

    ReservationController(
            Admission admission,
            BatchAdmission batchAdmission,
            AdmissionSpans spans,
            ReservationReleases releases,
            Clock clock) {
        this.admission = admission;
        this.batchAdmission = batchAdmission;
        this.spans = spans;
        this.releases = releases;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReservationView> reserve(@Valid @RequestBody AdmissionRequest request) {
        Reservation reservation = admission.reserve(request);
        return ResponseEntity.created(URI.create(PATH + "/" + reservation.id())).body(ReservationView.of(reservation));
    }

    /**
     * Admits several requests in one transaction ({@link BatchAdmission}). The answer is {@code 200} with, for each
     * request in order, the status, body and {@code Retry-After} that {@code POST} of it alone would have given.
     */
    @PostMapping(
            path = BATCH_PATH,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    BatchAnswer reserveAll(@Valid @RequestBody BatchRequest batch) {
        List<AdmissionRequest> requests =
                batch.admissions().stream().map(BatchItem::request).toList();
        List<Outcome> outcomes = spans.around(
                batch.admissions().stream().map(BatchItem::trace).toList(), () -> batchAdmission.reserveAll(requests));
        return new BatchAnswer(outcomes.stream().map(this::answer).toList());
    }

    @DeleteMapping(path = PATH + "/{id}")
    ResponseEntity<Void> release(@PathVariable UUID id) {
        releases.release(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(QuotaRefused.class)
    ResponseEntity<ProblemDetail> refused(QuotaRefused refusal) {
        Answer answer = refusal(refusal);
        return ResponseEntity.status(answer.status())
                .header(HttpHeaders.RETRY_AFTER, answer.retryAfter())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body((ProblemDetail) answer.body());
    }

    private Answer answer(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Admitted admitted ->
                new Answer(HttpStatus.CREATED.value(), ReservationView.of(admitted.reservation()), null);
            case Outcome.Refused refused -> refusal(refused.refusal());
            case Outcome.Unknown unknown -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, unknown.cause().getMessage());
                problem.setProperty("code", "unknown_account");
                yield new Answer(HttpStatus.NOT_FOUND.value(), problem, null);
            }
            case Outcome.Failed failed -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE, "The admission could not be decided; ask again");
                problem.setProperty("code", "unavailable");
                yield new Answer(HttpStatus.SERVICE_UNAVAILABLE.value(), problem, null);
            }
        };
    }

    private Answer refusal(QuotaRefused refusal) {
        HttpStatus status = refusal.budget() ? HttpStatus.PAYMENT_REQUIRED : HttpStatus.TOO_MANY_REQUESTS;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setProperty("code", refusal.budget() ? "budget_exhausted" : "quota_exceeded");
        problem.setProperty("metric", refusal.metric().wireName());
        problem.setProperty("limit", refusal.limit());
        problem.setProperty("used", refusal.used());
        problem.setProperty("reserved", refusal.reserved());
        problem.setProperty("requested", refusal.requested());
        var resetsAt = refusal.resetsIn().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        problem.setProperty("resetsAt", resetsAt.toString());
        long retryAfter =
                Math.max(1, Duration.between(clock.instant(), resetsAt).toSeconds());
        return new Answer(status.value(), problem, Long.toString(retryAfter));
    }

    /**
     * Admissions decided together.
     *
     * @param admissions each with the trace context of the submission it is for, if that one is traced
     */
    record BatchRequest(
            @NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid @NotNull BatchItem> admissions) {}

    /** One admission of a batch, with its submission's trace context (e.g. {@code traceparent}); none if null. */
    record BatchItem(@Valid @NotNull AdmissionRequest request, Map<String, String> trace) {}

    /** The answers, in the order of the admissions. */
    record BatchAnswer(List<Answer> answers) {}

    /** What {@code POST} of one admission alone would have answered. */
    record Answer(int status, Object body, String retryAfter) {}

    /**
     * An admitted request's reservation.
     *
     * @param requests requests of the type held: one, or one per variant of content suggestions
     * @param tokens estimated tokens held
     * @param costUsd cost ceiling held
     */
    record ReservationView(
            UUID reservationId,
            String requestId,
            String userId,
            String month,
            int requests,
            long tokens,
            BigDecimal costUsd) {

        static ReservationView of(Reservation reservation) {
            Hold hold = reservation.hold();
            return new ReservationView(
                    reservation.id(),
                    reservation.requestId(),
                    hold.userId(),
                    hold.month().toString(),
                    hold.requests(),
                    hold.tokens(),
                    hold.costUsd());
        }
    }
}
