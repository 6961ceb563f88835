package com.clientnest.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.OptimizationResult;
import com.clientnest.schemas.events.RequestType;
import com.clientnest.schemas.events.SentimentResult;
import com.clientnest.worker.deepseek.DeepSeekException;
import com.clientnest.worker.deepseek.DeepSeekFault;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResultParserTest {

    private final ResultParser parser = new ResultParser(JsonMapper.builder().build());

    @Test
    void aSentimentAnswerBecomesATypedResultWithValuesNormalised() {
        // Given an answer with upper-case labels, a confidence above 1 and an unknown urgency
        String answer = """
                {"sentiment": "Negative", "confidence": 1.4, "emotions": ["anger", "", 3],
                 "urgency": "critical", "suggested_response_tone": "apologetic"}
                """;

        // When
        Object result = parser.parse(RequestType.SENTIMENT_ANALYSIS, answer);

        // Then
        assertThat(result).isEqualTo(new SentimentResult("negative", 1.0, List.of("anger", "3"), "low", "apologetic"));
    }

    @Test
    void aContentAnswerKeepsEveryField() {
        String answer = """
                {"content": "Hello", "hashtags": ["#a"], "mentions": ["@b"], "call_to_action": "Buy",
                 "posting_tips": ["Post at 9"]}
                """;

        assertThat(parser.parse(RequestType.CONTENT_GENERATION, answer))
                .isEqualTo(new ContentResult("Hello", List.of("#a"), List.of("@b"), "Buy", List.of("Post at 9")));
    }

    @Test
    void anOptimisationAnswerHasItsPredictionClampedToOneToTen() {
        String answer = """
                {"optimized_content": "Better", "improvements": ["shorter"], "hashtags": "#one",
                 "best_posting_time": "Tue 10:00", "engagement_prediction": 42, "call_to_action": "Reply"}
                """;

        assertThat(parser.parse(RequestType.CONTENT_OPTIMIZATION, answer))
                .isEqualTo(new OptimizationResult(
                        "Better", List.of("shorter"), List.of("#one"), "Tue 10:00", 10, "Reply"));
    }

    @Test
    void blankProseOrInvalidAnswersAreRetryableFailures() {
        for (String answer : List.of("  \n ", "I think it is positive", "[1,2]", "{\"sentiment\": \"meh\"}")) {
            assertThatThrownBy(() -> parser.parse(RequestType.SENTIMENT_ANALYSIS, answer))
                    .isInstanceOfSatisfying(DeepSeekException.class, e -> {
                        assertThat(e.fault()).isEqualTo(DeepSeekFault.UNUSABLE_ANSWER);
                    });
        }
    }
}
