package com.clientnest.cost.reservation;

import com.clientnest.cost.ledger.Hold;
import java.util.UUID;

/** A request's admission: the quota it holds until it is settled, released or expires. */
record Reservation(UUID id, String requestId, Hold hold) {}
