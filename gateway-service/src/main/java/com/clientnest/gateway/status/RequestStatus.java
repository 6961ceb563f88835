package com.clientnest.gateway.status;

/** The life of a request in the gateway's store; the last four are final and never change again. */
enum RequestStatus {
    QUEUED,
    PROCESSING,
    COMPLETED,
    FAILED,
    DEAD_LETTERED,
    CANCELLED
}
