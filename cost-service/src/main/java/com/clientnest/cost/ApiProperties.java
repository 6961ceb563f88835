package com.clientnest.cost;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The internal API.
 *
 * @param serviceToken the secret the suite's services present to call it (env {@code CLIENTNEST_SERVICE_TOKEN});
 *     the service refuses to start without one, since its API must never be open
 */
@Validated
@ConfigurationProperties("clientnest.cost.api")
record ApiProperties(@NotBlank String serviceToken) {}
