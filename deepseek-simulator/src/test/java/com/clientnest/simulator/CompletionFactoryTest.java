package com.clientnest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CompletionFactoryTest {

    private final CompletionFactory factory = new CompletionFactory(SimulatorHttp.JSON, new PromptCache(1000));

    @Test
    void readsPositiveSentimentFromPraiseInTheComment() {
        // Given a sentiment request about a happy customer
        ChatRequest request =
                ChatRequests.parsed(ChatRequests.sentiment("I love this app, thanks for the great update!"));

        // When it is answered
        JsonNode reply = SimulatorHttp.json(factory.complete(request, false).content());

        // Then the whole reply follows the seed's sentiment shape and reads positive
        assertThat(reply).isEqualTo(SimulatorHttp.json("""
                        {"sentiment":"positive","confidence":0.94,"emotions":["joy","gratitude","excitement"],
                         "urgency":"low","suggested_response_tone":"warm and appreciative"}
                        """));
    }

    @Test
    void readsUrgentNegativeSentimentFromAComplaintAboutMoney() {
        // Given an angry customer asking for a refund
        ChatRequest request =
                ChatRequests.parsed(ChatRequests.sentiment("Terrible service, the app is broken and I want a refund"));

        // When it is answered
        JsonNode reply = SimulatorHttp.json(factory.complete(request, false).content());

        // Then it reads negative and urgent
        assertThat(reply).isEqualTo(SimulatorHttp.json("""
                        {"sentiment":"negative","confidence":0.94,"emotions":["frustration","anger"],
                         "urgency":"high","suggested_response_tone":"empathetic, apologetic and solution-focused"}
                        """));
    }

    @Test
    void readsNeutralSentimentWhenNoWordCarriesFeeling() {
        // Given a plain question
        ChatRequest request = ChatRequests.parsed(ChatRequests.sentiment("When does the store open on Sunday?"));

        // When it is answered
        JsonNode reply = SimulatorHttp.json(factory.complete(request, false).content());

        // Then it is neutral and asks for a timely answer
        assertThat(reply).isEqualTo(SimulatorHttp.json("""
                        {"sentiment":"neutral","confidence":0.6,"emotions":["curiosity"],
                         "urgency":"medium","suggested_response_tone":"friendly and informative"}
                        """));
    }

    @Test
    void answersTheOptimisationPromptWithEveryKeyItLists() {
        // Given the seed's optimisation prompt for a conversion goal on Twitter
        ChatRequest request = ChatRequests.parsed(ChatRequests.optimisation("our new running shoes are out"));

        // When it is answered
        JsonNode reply = SimulatorHttp.json(factory.complete(request, false).content());

        // Then it has exactly the keys the product parses, with the goal's call to action and the draft's words
        assertThat(fieldNames(reply))
                .containsExactly(
                        "optimized_content",
                        "improvements",
                        "hashtags",
                        "best_posting_time",
                        "engagement_prediction",
                        "call_to_action");
        assertThat(reply.get("optimized_content").asString())
                .contains("Our new running shoes are out.")
                .hasSizeLessThanOrEqualTo(280);
        assertThat(reply.get("hashtags").valueStream().map(JsonNode::asString).toList())
                .containsExactly("#Running", "#Shoes");
        assertThat(reply.get("call_to_action").asString()).isEqualTo("Tap the link to get started today.");
        assertThat(reply.get("best_posting_time").asString()).isEqualTo("Weekdays 9:00-11:00 local time");
        assertThat(reply.get("engagement_prediction").asInt()).isBetween(1, 10);
    }

    @Test
    void answersTheContentGenerationPromptWithEveryKeyItLists() {
        // Given the seed's content generation prompt for LinkedIn
        ChatRequest request =
                ChatRequests.parsed(ChatRequests.contentGeneration("Announce our hiring week with @clientnest"));

        // When it is answered
        JsonNode reply = SimulatorHttp.json(factory.complete(request, false).content());

        // Then it has the seed's keys, hashtags from the topic and the mention the topic names
        assertThat(fieldNames(reply))
                .containsExactly("content", "hashtags", "mentions", "call_to_action", "posting_tips");
        assertThat(reply.get("content").asString()).contains("Announce our hiring week with @clientnest");
        assertThat(reply.get("hashtags").valueStream().map(JsonNode::asString).toList())
                .containsExactly("#Announce", "#Hiring", "#Week");
        assertThat(reply.get("mentions").valueStream().map(JsonNode::asString).toList())
                .containsExactly("@clientnest");
        assertThat(reply.get("posting_tips")).hasSize(3);
    }

    @Test
    void answersAnUnknownJsonModePromptWithAJsonObject() {
        // Given a JSON-mode request the simulator has no template for
        ChatRequest request = ChatRequests.parsed(ChatRequests.withSystem("Reply in json.", "Summarise pricing"));

        // When it is answered
        JsonNode reply = SimulatorHttp.json(factory.complete(request, false).content());

        // Then it is still a JSON object
        assertThat(fieldNames(reply)).containsExactly("answer", "topics");
    }

    @Test
    void answersTheSameRequestWithTheSameContent() {
        // Given two equal requests
        ChatRequest first = ChatRequests.parsed(ChatRequests.plain("Tell me about coffee"));
        ChatRequest second = ChatRequests.parsed(ChatRequests.plain("Tell me about coffee"));

        // When both are answered
        Completion a = factory.complete(first, false);
        Completion b = factory.complete(second, false);

        // Then the content and counts are equal (only the cache figures may differ)
        assertThat(b.content()).isEqualTo(a.content());
        assertThat(b.completionTokens()).isEqualTo(a.completionTokens());
        assertThat(b.promptTokens()).isEqualTo(a.promptTokens());
    }

    @Test
    void cutsTheContentAtMaxTokensAndReportsLength() {
        // Given a request allowed five tokens
        ChatRequest request =
                ChatRequests.parsed(ChatRequests.plain("Tell me about coffee").put("max_tokens", 5));
        String full = factory.complete(ChatRequests.parsed(ChatRequests.plain("Tell me about coffee")), false)
                .content();

        // When it is answered
        Completion completion = factory.complete(request, false);

        // Then the content is the first twenty characters of the full answer, billed as five tokens
        assertThat(completion)
                .isEqualTo(new Completion(
                        "deepseek-flash",
                        full.substring(0, 20),
                        "length",
                        Tokens.count("<|user|>Tell me about coffee"),
                        5,
                        0));
    }

    @Test
    void answersOnlyWhitespaceForABlankContentFault() {
        // Given a sentiment request hit by the blank-json fault
        ChatRequest request = ChatRequests.parsed(ChatRequests.sentiment("I love it"));

        // When it is answered
        Completion completion = factory.complete(request, true);

        // Then the content is blank and the call still stops normally
        assertThat(completion.content()).isBlank();
        assertThat(completion.finishReason()).isEqualTo("stop");
    }

    @Test
    void refusesAFaultPlanWithAProbabilityOutsideZeroToOne() {
        assertThatThrownBy(() -> FaultPlan.status(503, 1.5, java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability must be within [0, 1]");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
