package com.clientnest.worker.capacity;

import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's share of the account's concurrency limit, kept up to date as instances come and go. A share
 * consumer joins its group on its first poll, so a starting instance counts itself before the others can see it;
 * until they do, its slow start ({@link AdaptiveLimit}) keeps the overshoot small. The share is 0 only until the
 * group has been read once.
 */
final class FleetShare {

    private static final Logger log = LoggerFactory.getLogger(FleetShare.class);

    private final int accountLimit;
    private final String self;
    private final FleetMembers members;
    private final IntConsumer onChange;
    private volatile int share;
    private volatile int instances = 1;

    FleetShare(int accountLimit, String self, FleetMembers members, IntConsumer onChange) {
        this.accountLimit = accountLimit;
        this.self = self;
        this.members = members;
        this.onChange = onChange;
    }

    /** Reads the group once; on failure (broker unreachable) the last share stands. */
    synchronized void refresh() {
        Set<String> live;
        try {
            live = members.liveInstances();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("Cannot read the worker fleet, keeping a share of {}: {}", share, e.toString());
            return;
        }
        int next = FleetShares.shareOf(accountLimit, live, self);
        int liveCount = live.contains(self) ? live.size() : live.size() + 1;
        if (next != share || liveCount != instances) {
            log.info(
                    "Fleet share: {} of the account's {} concurrent DeepSeek calls ({} instance(s))",
                    next,
                    accountLimit,
                    liveCount);
        }
        instances = liveCount;
        if (next != share) {
            share = next;
            onChange.accept(next);
        }
    }

    int share() {
        return share;
    }

    int instances() {
        return instances;
    }
}
