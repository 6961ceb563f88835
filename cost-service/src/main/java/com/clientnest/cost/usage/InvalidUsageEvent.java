package com.clientnest.cost.usage;

/** A usage event that can never be recorded as it is: retrying it is pointless, so it is skipped. */
class InvalidUsageEvent extends RuntimeException {

    InvalidUsageEvent(String message) {
        super(message);
    }
}
