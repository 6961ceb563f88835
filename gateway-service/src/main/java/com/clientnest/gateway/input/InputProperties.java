package com.clientnest.gateway.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send.
 *
 * @param maxBodySize the largest request body accepted; a larger one is refused with {@code 413 payload_too_large}
 *     before it is read whole
 */
@ConfigurationProperties("clientnest.gateway.input")
record InputProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
