package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.deadletters.DeadLetterDesk.Page;
import com.clientnest.gateway.deadletters.LetterViews.Detail;
import com.clientnest.gateway.deadletters.LetterViews.PageView;
import com.clientnest.gateway.deadletters.LetterViews.Summary;
import java.util.Base64;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns stored letters into the views the API and the page show. */
@Component
class LetterPresenter {

    private final DeadLetterDesk desk;
    private final JsonMapper json;

    LetterPresenter(DeadLetterDesk desk, JsonMapper json) {
        this.desk = desk;
        this.json = json;
    }

    PageView page(Page page) {
        return new PageView(
                page.letters().stream().map(this::summary).toList(),
                page.next() == null ? null : page.next().token());
    }

    Summary summary(StoredLetter letter) {
        return Summary.of(
                letter,
                letter.state() == LetterState.OPEN
                        && desk.whyNotReplayable(letter).isEmpty());
    }

    Detail detail(StoredLetter letter) {
        JsonNode event = desk.decode(letter)
                .map(decoded -> LetterViews.eventJson(decoded, json))
                .orElse(null);
        String notReplayable = letter.state() != LetterState.OPEN
                ? "The letter was " + letter.state().name().toLowerCase(Locale.ROOT) + " already"
                : desk.whyNotReplayable(letter).orElse(null);
        return new Detail(
                summary(letter),
                letter.key(),
                letter.exceptionClass(),
                letter.partition(),
                letter.offset(),
                letter.originalPartition(),
                letter.originalOffset(),
                LetterViews.headers(letter.headersJson(), json),
                event,
                letter.payload() == null ? null : Base64.getEncoder().encodeToString(letter.payload()),
                letter.handledAt(),
                letter.handledBy(),
                letter.note(),
                notReplayable,
                desk.audit(letter.id(), null, 50));
    }
}
