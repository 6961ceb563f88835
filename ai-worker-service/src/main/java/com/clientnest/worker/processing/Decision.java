package com.clientnest.worker.processing;

/** How the record is acknowledged once the worker is done with it. */
public enum Decision {
    /** Done: its outcome is on the results topic, or it is back on its lane as a fresh record. */
    ACCEPT,
    /** Not done, for a reason that another delivery may not have: deliver it again. */
    RELEASE,
    /** Cannot be processed: it is on the dead-letter topic with its reason. */
    REJECT
}
