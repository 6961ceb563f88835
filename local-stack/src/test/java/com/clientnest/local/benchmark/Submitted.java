package com.clientnest.local.benchmark;

/** A request the gateway accepted, with the key that may read it and the client's POST→202 time. */
record Submitted(String requestId, String apiKey, String lane, long acceptMillis, long submittedAtMillis) {}
