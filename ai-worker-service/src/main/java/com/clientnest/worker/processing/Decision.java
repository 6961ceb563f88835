package com.clientnest.worker.processing;

/** What becomes of a record once the worker is done with it. */
public enum Decision {
    /** Processed: the outcome is on the results topic. */
    ACCEPT,
    /** Not processed because of a transient problem of ours (e.g. Kafka unreachable): deliver it again. */
    RELEASE,
    /** Cannot be processed: it is on the dead-letter topic with its reason. */
    REJECT
}
