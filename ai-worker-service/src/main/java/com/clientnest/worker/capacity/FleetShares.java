package com.clientnest.worker.capacity;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** How the account's concurrency limit is split among the live worker instances: a pure rule. */
final class FleetShares {

    private FleetShares() {}

    /**
     * This instance's share: the limit divided by the instances, the remainder going one each to the first
     * instances in id order, so that the shares add up to exactly the limit and every instance computes the
     * same split. An instance that does not see itself among the live ones (it has not joined yet) counts itself.
     */
    static int shareOf(int accountLimit, Collection<String> liveInstances, String self) {
        TreeSet<String> instances = new TreeSet<>(liveInstances);
        instances.add(self);
        List<String> ordered = List.copyOf(instances);
        int count = ordered.size();
        int rank = ordered.indexOf(self);
        return accountLimit / count + (rank < accountLimit % count ? 1 : 0);
    }
}
