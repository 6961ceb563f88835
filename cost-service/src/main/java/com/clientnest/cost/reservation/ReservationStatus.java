package com.clientnest.cost.reservation;

/** Only RESERVED holds quota; every other status is final. */
enum ReservationStatus {
    RESERVED,
    /** Its usage arrived: the real tokens and cost replaced the estimate. */
    SETTLED,
    /** The request failed, was dead-lettered or cancelled, or was never stored: it will use nothing. */
    RELEASED,
    /** Swept after being held longer than any request can take. */
    EXPIRED
}
