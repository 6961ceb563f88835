package com.clientnest.infrastructure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/** Share-group settings that live on the broker rather than in the consumer's configuration. */
public final class ShareGroups {

    private ShareGroups() {}

    /**
     * A new share group starts at the latest offset; records published before its first consumer joined would
     * never be delivered. Setting {@code share.auto.offset.reset=earliest} on the group before it starts avoids that.
     */
    public static void readFromEarliest(Admin admin, String groupId) {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        AlterConfigOp earliest =
                new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(group, List.of(earliest)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot configure share group " + groupId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted configuring share group " + groupId, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out configuring share group " + groupId, e);
        }
    }
}
