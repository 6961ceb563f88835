package com.clientnest.cost.reservation;

import com.clientnest.cost.ledger.Hold;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
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
 * Quota admission for the gateway: {@code POST} reserves for one request before the gateway accepts it,
 * {@code DELETE} gives a reservation back when the request is not going to run.
 */
@RestController
class ReservationController {

    static final String PATH = "/internal/v1/reservations";

    private final Admission admission;
    private final ReservationReleases releases;
    private final Clock clock;

    ReservationController(Admission admission, ReservationReleases releases, Clock clock) {
        this.admission = admission;
        this.releases = releases;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReservationView> reserve(@Valid @RequestBody AdmissionRequest request) {
        Reservation reservation = admission.reserve(request);
        return ResponseEntity.created(URI.create(PATH + "/" + reservation.id())).body(ReservationView.of(reservation));
    }

    @DeleteMapping(path = PATH + "/{id}")
    ResponseEntity<Void> release(@PathVariable UUID id) {
        releases.release(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(QuotaRefused.class)
    ResponseEntity<ProblemDetail> refused(QuotaRefused refusal) {
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
        return ResponseEntity.status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

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
