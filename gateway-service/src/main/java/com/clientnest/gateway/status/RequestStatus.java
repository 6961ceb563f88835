package com.clientnest.gateway.status;

/** The life of a request in the gateway's store; the last four are final and never change again. */
enum RequestStatus {
    /** Held for the off-peak window until its {@code notBefore}; then QUEUED on the low lane. */
    SCHEDULED,
    QUEUED,
    PROCESSING,
    COMPLETED,
    FAILED,
    DEAD_LETTERED,
    CANCELLED
}
