package com.clientnest.worker.capacity;

import java.util.Set;

/** The worker instances currently alive in the share group, by instance id. */
interface FleetMembers {

    /** Throws when the group cannot be read now; the caller keeps its last view. */
    Set<String> liveInstances() throws Exception;
}
