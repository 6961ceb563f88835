package com.clientnest.gateway.deadletters;

/** Where a dead letter stands at the desk: open, or handled once and for all. */
enum LetterState {
    OPEN,
    REPLAYED,
    DISCARDED
}
