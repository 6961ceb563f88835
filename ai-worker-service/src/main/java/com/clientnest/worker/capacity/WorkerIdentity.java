package com.clientnest.worker.capacity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This worker instance's id, written into the client id of each of its share consumers. */
@Component
public final class WorkerIdentity {

    private static final String PREFIX = "clientnest-worker.";
    private static final char SEPARATOR = '.';

    private final String instanceId;

    public WorkerIdentity() {
        this(UUID.randomUUID().toString());
    }

    WorkerIdentity(String instanceId) {
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The client id of one lane consumer of this instance. */
    public String clientId(String consumerName) {
        return PREFIX + instanceId + SEPARATOR + consumerName;
    }

    static Optional<String> instanceOf(String clientId) {
        if (clientId == null || !clientId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = clientId.indexOf(SEPARATOR, PREFIX.length());
        return end < 0 ? Optional.empty() : Optional.of(clientId.substring(PREFIX.length(), end));
    }
}
