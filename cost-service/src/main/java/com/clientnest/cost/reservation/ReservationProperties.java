package com.clientnest.cost.reservation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How reservations end when no usage settles them.
 *
 * @param maxAge a reservation held longer than this is expired by the sweeper: longer than any request can wait in
 *     its lane and run, since usage arriving after the expiry is still billed but was no longer held
 * @param sweepInterval pause between sweeps
 * @param sweepBatch reservations expired per transaction
 * @param resultsGroup consumer group following the results topic for failed requests
 * @param deadLettersGroup consumer group following the dead-letter topic
 */
@Validated
@ConfigurationProperties("clientnest.cost.reservations")
record ReservationProperties(
        @NotNull @DefaultValue("24h") Duration maxAge,
        @NotNull @DefaultValue("1m") Duration sweepInterval,
        @Min(1) @DefaultValue("500") int sweepBatch,
        @NotBlank @DefaultValue("cost-releases") String resultsGroup,
        @NotBlank @DefaultValue("cost-dead-letters") String deadLettersGroup) {}
