package com.clientnest.worker.capacity;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads the live instances from the share group itself: every lane consumer's client id starts with its
 * instance's id ({@link WorkerIdentity#clientId}), and the broker drops a member whose heartbeats stop, so a
 * crashed instance leaves the count within the group's session timeout.
 */
final class ShareGroupMembers implements FleetMembers, AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final String group;

    ShareGroupMembers(Map<String, Object> connection, String group) {
        this.admin = Admin.create(connection);
        this.group = group;
    }

    @Override
    public Set<String> liveInstances() throws Exception {
        ShareGroupDescription description;
        try {
            description = admin.describeShareGroups(Set.of(group))
                    .describedGroups()
                    .get(group)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                // No consumer has polled yet: nobody is in the group.
                return Set.of();
            }
            throw e;
        }
        return description.members().stream()
                .map(ShareMemberDescription::clientId)
                .map(WorkerIdentity::instanceOf)
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        admin.close();
    }
}
