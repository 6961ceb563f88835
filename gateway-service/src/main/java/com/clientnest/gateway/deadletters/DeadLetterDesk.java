package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.deadletters.OpsAudit.Actor;
import com.clientnest.gateway.outbox.Outbox;
import com.clientnest.gateway.problem.ProblemCode;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.quota.QuotaAdmission;
import com.clientnest.gateway.status.OpsTransitions;
import com.clientnest.schemas.events.AiRequested;
import com.clientnest.schemas.events.ContentInput;
import com.clientnest.schemas.events.OptimizationInput;
import com.clientnest.schemas.events.SentimentInput;
import com.clientnest.schemas.topics.LaneHeaders;
import com.clientnest.schemas.topics.TopicDescriptor;
import com.clientnest.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The ops desk's actions on dead letters. A replay puts the letter's original bytes back on the request's
 * original lane with a {@link LaneHeaders#REPLAY_OF} header, through the outbox, in the transaction that puts the
 * request back to QUEUED, marks the letter REPLAYED and audits it; the quota is reserved again first, as for a new
 * request. A discard fails the request with the operator's note. Each letter is handled once: the second attempt
 * is a 409.
 */
@Service
class DeadLetterDesk {

    static final String REPLAY = "replay";
    static final String DISCARD = "discard";
    private static final Set<String> REQUEUABLE = Set.of("DEAD_LETTERED", "FAILED");

    private final DeadLetterRepository letters;
    private final OpsAudit audit;
    private final OpsTransitions requests;
    private final QuotaAdmission quota;
    private final Outbox outbox;
    private final Topics topics;
    private final Deserializer<SpecificRecord> events;
    private final TransactionOperations transactions;
    private final Clock clock;

    DeadLetterDesk(
            DeadLetterRepository letters,
            OpsAudit audit,
            OpsTransitions requests,
            QuotaAdmission quota,
            Outbox outbox,
            Topics topics,
            TransactionOperations transactions,
            Clock clock) {
        this.letters = letters;
        this.audit = audit;
        this.requests = requests;
        this.quota = quota;
        this.outbox = outbox;
        this.topics = topics;
        this.events = DeadLettersListenerConfiguration.valueDeserializer(topics.deadLetters());
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One page, newest first, and the cursor of the next page when there may be one. */
    Page list(LetterFilter filter, Cursor after, int limit) {
        List<StoredLetter> rows = letters.list(filter, after, limit + 1);
        boolean more = rows.size() > limit;
        List<StoredLetter> page = more ? rows.subList(0, limit) : rows;
        return new Page(page, more ? Cursor.after(page.getLast()) : null);
    }

    StoredLetter find(long id) {
        return letters.find(id).orElseThrow(() -> ProblemException.notFound("No dead letter " + id + " exists"));
    }

    /** Why the letter cannot go back to its lane, or empty when it can. */
    Optional<String> whyNotReplayable(StoredLetter letter) {
        if (!letter.topic().equals(topics.deadLetters().name())) {
            return Optional.of("Only letters of " + topics.deadLetters().name() + " can be replayed; a letter of "
                    + letter.topic() + " is kept for the record and can be discarded");
        }
        if (letter.requestId() == null) {
            return Optional.of("The letter's key is no request id");
        }
        if (lane(letter.originalTopic()).isEmpty()) {
            return Optional.of("The letter names no priority lane as its original topic");
        }
        if (request(letter).isEmpty()) {
            return Optional.of("The letter's value is no readable request, so a worker would dead-letter it again");
        }
        // Checked before any quota is reserved, so a refusal costs the user nothing.
        Optional<String> status = requests.statusOf(letter.requestId());
        if (status.isEmpty() || !REQUEUABLE.contains(status.get())) {
            return Optional.of("Request " + letter.requestId() + " is "
                    + status.map(s -> s.toLowerCase(Locale.ROOT)).orElse("unknown to this gateway")
                    + ", so it cannot be queued again");
        }
        return Optional.empty();
    }

    /**
     * @throws ProblemException {@code already_replayed}, {@code already_discarded}, {@code not_replayable}, or the
     *     quota's {@code quota_exceeded}, {@code budget_exhausted}, {@code unavailable}
     */
    Replayed replay(long id, Actor actor) {
        StoredLetter letter = find(id);
        refuseIfHandled(letter);
        whyNotReplayable(letter).ifPresent(reason -> {
            throw new ProblemException(ProblemCode.NOT_REPLAYABLE, reason);
        });
        AiRequested request = request(letter).orElseThrow();
        // Outside the transaction: the cost service's decision is its own, and a replay that then fails to commit
        // leaves a hold that its sweeper expires.
        quota.reserveForReplay(
                request.getUserId(),
                request.getTier(),
                letter.requestId(),
                request.getType(),
                Math.max(1, request.getVariants()),
                maxTokens(request),
                texts(request));
        transactions.executeWithoutResult(status -> {
            if (!letters.handle(id, LetterState.REPLAYED, actor.name(), null, clock.instant())) {
                refuseIfHandled(find(id));
            }
            if (!requests.requeue(letter.requestId())) {
                throw new ProblemException(
                        ProblemCode.NOT_REPLAYABLE,
                        "Request " + letter.requestId()
                                + " is not dead-lettered or failed, so it cannot be queued again");
            }
            outbox.appendRaw(
                    letter.originalTopic(),
                    letter.key(),
                    letter.payload(),
                    Map.of(LaneHeaders.REPLAY_OF, Long.toString(id).getBytes(StandardCharsets.UTF_8)));
            audit.record(clock.instant(), actor, REPLAY, id, letter.requestId(), null);
        });
        return new Replayed(id, letter.requestId().toString(), letter.originalTopic());
    }

    /** Replays every open letter the filter matches, up to the limit, each on its own; refusals are reported. */
    BulkReplay replayMatching(LetterFilter filter, int limit, Actor actor) {
        List<Replayed> replayed = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (StoredLetter letter : letters.list(filter.onlyOpen(), null, limit)) {
            try {
                replayed.add(replay(letter.id(), actor));
            } catch (ProblemException e) {
                refused.add(new Refused(letter.id(), e.code().code(), e.getMessage()));
            }
        }
        return new BulkReplay(replayed, refused);
    }

    /** @throws ProblemException {@code already_replayed} or {@code already_discarded} */
    StoredLetter discard(long id, String note, Actor actor) {
        StoredLetter letter = find(id);
        refuseIfHandled(letter);
        transactions.executeWithoutResult(status -> {
            if (!letters.handle(id, LetterState.DISCARDED, actor.name(), note, clock.instant())) {
                refuseIfHandled(find(id));
            }
            if (letter.requestId() != null
                    && letter.topic().equals(topics.deadLetters().name())) {
                requests.discard(letter.requestId(), note);
            }
            audit.record(clock.instant(), actor, DISCARD, id, letter.requestId(), note);
        });
        return find(id);
    }

    List<OpsAudit.Entry> audit(Long deadLetterId, Long beforeId, int limit) {
        return audit.list(deadLetterId, beforeId, limit);
    }

    /** The letter's value as a request, when it is one. */
    Optional<AiRequested> request(StoredLetter letter) {
        return decode(letter).filter(AiRequested.class::isInstance).map(AiRequested.class::cast);
    }

    /** The letter's value as an event of the suite, when it is one. */
    Optional<SpecificRecord> decode(StoredLetter letter) {
        if (letter.payload() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(events.deserialize(letter.topic(), letter.payload()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<TopicDescriptor> lane(String topic) {
        return topics.lanes().stream().filter(lane -> lane.name().equals(topic)).findFirst();
    }

    private static void refuseIfHandled(StoredLetter letter) {
        if (letter.state() == LetterState.REPLAYED) {
            throw new ProblemException(
                    ProblemCode.ALREADY_REPLAYED,
                    "Dead letter " + letter.id() + " was replayed by " + letter.handledBy() + " at "
                            + letter.handledAt());
        }
        if (letter.state() == LetterState.DISCARDED) {
            throw new ProblemException(
                    ProblemCode.ALREADY_DISCARDED,
                    "Dead letter " + letter.id() + " was discarded by " + letter.handledBy() + " at "
                            + letter.handledAt());
        }
    }

    private static Integer maxTokens(AiRequested request) {
        return request.getInput() instanceof ContentInput content ? content.getMaxTokens() : null;
    }

    private static String[] texts(AiRequested request) {
        return switch (request.getInput()) {
            case SentimentInput sentiment ->
                new String[] {sentiment.getText(), Objects.requireNonNullElse(sentiment.getContext(), "")};
            case ContentInput content -> new String[] {content.getPrompt()};
            case OptimizationInput optimization -> new String[] {optimization.getContent()};
            default -> new String[0];
        };
    }

    record Page(List<StoredLetter> letters, Cursor next) {}

    record Replayed(long deadLetterId, String requestId, String lane) {}

    record Refused(long deadLetterId, String code, String detail) {}

    record BulkReplay(List<Replayed> replayed, List<Refused> refused) {}
}
