package com.clientnest.gateway.status;

/**
 * A result event that can never be applied as it is (its result cannot be mapped to the API's view): retrying it
 * cannot help, so the listener's error handler skips it instead of backing off.
 */
class InvalidResultEvent extends RuntimeException {

    InvalidResultEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
