package com.clientnest.gateway.backlog;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the lane backlog gauges are computed ({@code clientnest.gateway.backlog.*}).
 *
 * @param refreshInterval the longest a scraped value may be stale; however often Prometheus (or several of them)
 *     scrape, the gateway runs the backlog query at most once per interval
 */
@Validated
@ConfigurationProperties("clientnest.gateway.backlog")
record BacklogProperties(@NotNull @DefaultValue("5s") Duration refreshInterval) {}
