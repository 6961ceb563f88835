package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.status.DeadLetterApplier;
import com.clientnest.schemas.topics.Topics;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Takes in one record of a dead-letter topic: stores it for the desk and, for a request's letter, marks the
 * request DEAD_LETTERED, both in one transaction. A redelivered record is stored once (its topic position is
 * unique) and the status change is idempotent.
 */
@Service
class DeadLetterIntake {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterIntake.class);

    private final DeadLetterRepository letters;
    private final DeadLetterApplier requests;
    private final LetterReader reader;
    private final Topics topics;
    private final TransactionOperations transactions;
    private final Clock clock;

    DeadLetterIntake(
            DeadLetterRepository letters,
            DeadLetterApplier requests,
            LetterReader reader,
            Topics topics,
            TransactionOperations transactions,
            Clock clock) {
        this.letters = letters;
        this.requests = requests;
        this.reader = reader;
        this.topics = topics;
        this.transactions = transactions;
        this.clock = clock;
    }

    void accept(ConsumerRecord<String, byte[]> record) {
        boolean keyedByUser = record.topic().equals(topics.usageDeadLetters().name());
        IncomingLetter letter = reader.read(record, keyedByUser);
        transactions.executeWithoutResult(status -> {
            boolean stored = letters.insert(letter, clock.instant());
            if (record.topic().equals(topics.deadLetters().name())) {
                requests.apply(record);
            }
            log.info(
                    "Dead letter {}-{}@{} ({}, request {}){}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    letter.reasonCode(),
                    letter.requestId(),
                    stored ? " stored for the ops desk" : " was stored already");
        });
    }
}
