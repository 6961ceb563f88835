package com.clientnest.cost.usage;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A usage record that can never be recorded, and why.
 *
 * @param reason a stable code from {@link Reason}
 */
record PoisonUsage(ConsumerRecord<String, byte[]> record, Reason reason, String message, String exceptionClass) {

    /** Why a usage record went to the dead-letter topic; the codes are its {@code reason-code} header. */
    enum Reason {
        /** The bytes are no event of any known schema. */
        UNDECODABLE("undecodable"),
        /** A readable event of another type than {@code UsageRecorded}. */
        UNEXPECTED_TYPE("unexpected_type"),
        /** A {@code UsageRecorded} with a field that makes it unrecordable (negative tokens, no user, ...). */
        INVALID_USAGE("invalid_usage");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
