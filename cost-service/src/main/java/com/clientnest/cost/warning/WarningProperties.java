package com.clientnest.cost.warning;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How raised warnings reach {@code ai.quota.warnings}.
 *
 * @param sweepInterval pause between sweeps for warnings a wake-up after commit missed (a crash, the broker away)
 * @param batchSize warnings published per transaction
 * @param sendTimeout how long to wait for the broker's acknowledgement of a batch
 */
@Validated
@ConfigurationProperties("clientnest.cost.warnings")
record WarningProperties(
        @NotNull @DefaultValue("1s") Duration sweepInterval,
        @Min(1) @DefaultValue("100") int batchSize,
        @NotNull @DefaultValue("10s") Duration sendTimeout) {}
