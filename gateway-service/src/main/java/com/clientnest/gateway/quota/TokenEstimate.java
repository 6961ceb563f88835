package com.clientnest.gateway.quota;

/** The tokens reserved for one request: its prompt at most, and the most it may complete. */
record TokenEstimate(long promptTokens, long completionTokens) {}
