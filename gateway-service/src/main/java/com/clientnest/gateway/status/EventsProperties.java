package com.clientnest.gateway.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-sent events of request status ({@code clientnest.gateway.events.*}).
 *
 * @param pollInterval how often this instance reads the status of every request someone follows here (one query
 *     for all of them)
 * @param timeout a stream still open after this long is closed; the client reconnects or polls
 * @param heartbeat a stream that has sent nothing for this long gets an SSE comment line: proxies and load balancers
 *     close connections idle for a minute or so, and a client that went away is only noticed on a write
 */
@ConfigurationProperties("clientnest.gateway.events")
record EventsProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10m") Duration timeout,
        @DefaultValue("15s") Duration heartbeat) {}
