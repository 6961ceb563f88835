package com.clientnest.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.clientnest.gateway.status.ResultViews.ContentView;
import com.clientnest.gateway.status.ResultViews.ErrorView;
import com.clientnest.gateway.status.ResultViews.OptimizationView;
import com.clientnest.gateway.status.ResultViews.SentimentView;
import com.clientnest.gateway.status.ResultViews.SuggestionsView;
import com.clientnest.gateway.status.ResultViews.UsageView;
import com.clientnest.gateway.status.ResultViews.VariantView;
import com.clientnest.gateway.support.ResultEvents;
import com.clientnest.schemas.events.AiCompleted;
import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.ContentVariant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultMapperTest {

    private static final String REQUEST = "5f0c7a8e-3f0b-4a7e-9d0b-7d1f2c3a4b5c";
    private static final UsageView USAGE = new UsageView(120, 80, 200, 100, 20);

    private final ResultMapper mapper = new ResultMapper();

    @Test
    void mapsACompletedSentimentAnalysisToTheRestShape() {
        // Given
        var event = ResultEvents.sentimentCompleted(REQUEST, "dev");
        // When
        RequestOutcome outcome = mapper.completed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.COMPLETED,
                        new SentimentView(
                                "negative",
                                0.92,
                                List.of("frustration", "disappointment"),
                                "high",
                                "apologetic",
                                "deepseek-flash",
                                USAGE,
                                false),
                        null,
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void mapsCompletedContentToTheRestShape() {
        // Given
        var event = ResultEvents.contentCompleted(REQUEST, "dev");
        // When
        RequestOutcome outcome = mapper.completed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.COMPLETED,
                        new ContentView(
                                "Autumn is here!",
                                List.of("#autumn"),
                                List.of("@clientnest"),
                                "Visit us",
                                List.of("Post at 9am"),
                                "deepseek-flash",
                                USAGE,
                                false),
                        null,
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void mapsACompletedOptimisationToTheRestShape() {
        // Given
        var event = ResultEvents.optimizationCompleted(REQUEST, "dev");
        event.setCached(true);
        // When
        RequestOutcome outcome = mapper.completed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.COMPLETED,
                        new OptimizationView(
                                "Better post",
                                List.of("shorter"),
                                List.of("#better"),
                                "Tuesday 10:00",
                                8,
                                "Share it",
                                "deepseek-flash",
                                USAGE,
                                true),
                        null,
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void mapsAFailureToFailedWithTheReasonCodeAsErrorCode() {
        // Given
        var event = ResultEvents.failed(REQUEST, "dev", false);
        // When
        RequestOutcome outcome = mapper.failed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.FAILED,
                        null,
                        new ErrorView("retries_exhausted", "The AI provider kept failing for this request"),
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void mapsADeadLetteredFailureToDeadLettered() {
        // Given
        var event = ResultEvents.failed(REQUEST, "dev", true);
        // When
        RequestOutcome outcome = mapper.failed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.DEAD_LETTERED,
                        null,
                        new ErrorView("retries_exhausted", "The AI provider kept failing for this request"),
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void showsAFixedSentenceForTheReasonInsteadOfDeepSeeksOwnErrorText() {
        // Given a failure whose worker message quotes DeepSeek's error body
        var event = ResultEvents.failed(REQUEST, "dev", true);
        event.setReasonCode("deepseek_bad_request");
        event.setMessage("400 {\"error\":{\"message\":\"Invalid request: prompt 'secret plans' rejected\"}}");
        // When
        RequestOutcome outcome = mapper.failed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.DEAD_LETTERED,
                        null,
                        new ErrorView("deepseek_bad_request", "The AI provider refused the request as malformed"),
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void showsAGenericSentenceForAReasonCodeItDoesNotKnow() {
        // Given
        var event = ResultEvents.failed(REQUEST, "dev", false);
        event.setReasonCode("something_new");
        event.setMessage("stack trace with internals");
        // When
        RequestOutcome outcome = mapper.failed(event);
        // Then
        assertThat(outcome)
                .isEqualTo(new RequestOutcome(
                        RequestStatus.FAILED,
                        null,
                        new ErrorView("something_new", "The request could not be completed"),
                        ResultEvents.FINISHED_AT));
    }

    @Test
    void mapsCompletedSuggestionsToEveryVariantWithItsTemperature() {
        // Given a completed suggestions request of two variants
        var first = ResultEvents.contentCompleted(REQUEST, "dev");
        var event = AiCompleted.newBuilder(first)
                .setVariants(List.of(
                        new ContentVariant((ContentResult) first.getResult(), 0.8),
                        new ContentVariant(
                                ContentResult.newBuilder((ContentResult) first.getResult())
                                        .setContent("Winter is coming!")
                                        .build(),
                                0.9)))
                .build();

        // When
        RequestOutcome outcome = mapper.completed(event);

        // Then
        assertThat(outcome.result())
                .isEqualTo(new SuggestionsView(
                        List.of(
                                new VariantView(
                                        "Autumn is here!",
                                        List.of("#autumn"),
                                        List.of("@clientnest"),
                                        "Visit us",
                                        List.of("Post at 9am"),
                                        0.8),
                                new VariantView(
                                        "Winter is coming!",
                                        List.of("#autumn"),
                                        List.of("@clientnest"),
                                        "Visit us",
                                        List.of("Post at 9am"),
                                        0.9)),
                        "deepseek-flash",
                        USAGE,
                        false));
    }
}
