package com.clientnest.gateway.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How lane statistics are measured ({@code clientnest.gateway.queue.*}).
 *
 * @param window completions within this past window give each lane's measured throughput
 * @param refresh the statistics are read from the database at most this often, however many callers ask
 */
@ConfigurationProperties("clientnest.gateway.queue")
record QueueProperties(
        @DefaultValue("5m") Duration window,
        @DefaultValue("1s") Duration refresh) {}
