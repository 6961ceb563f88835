package com.clientnest.worker.processing;

import com.clientnest.schemas.events.ContentResult;
import com.clientnest.schemas.events.ContentVariant;
import com.clientnest.worker.deepseek.ChatCompletion;
import com.clientnest.worker.deepseek.ChatRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a content-suggestions request has come: per variant, an answer whose usage is not published yet, or its
 * result. Kept in {@link RequestsInHand} across retries and deliveries on this instance, so a variant DeepSeek has
 * answered (and billed) is never called again because another variant failed: only missing variants are called.
 * Used by one delivery at a time (the request's claim), on that delivery's thread.
 */
final class VariantProgress {

    private final List<ChatRequest> prompts;
    private final ChatCompletion[] unbilled;
    private final ChatCompletion[] answers;
    private final ContentResult[] results;

    VariantProgress(List<ChatRequest> prompts) {
        this.prompts = List.copyOf(prompts);
        this.unbilled = new ChatCompletion[prompts.size()];
        this.answers = new ChatCompletion[prompts.size()];
        this.results = new ContentResult[prompts.size()];
    }

    ChatRequest prompt(int variant) {
        return prompts.get(variant);
    }

    /** Variants with neither a result nor an answer waiting to be billed: the ones to call. */
    List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null && unbilled[i] == null) {
                missing.add(i);
            }
        }
        return missing;
    }

    /** Variants DeepSeek answered whose usage event is not published yet. */
    List<Integer> unbilled() {
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < unbilled.length; i++) {
            if (unbilled[i] != null) {
                waiting.add(i);
            }
        }
        return waiting;
    }

    void answered(int variant, ChatCompletion completion) {
        unbilled[variant] = completion;
    }

    ChatCompletion unbilledAnswer(int variant) {
        return unbilled[variant];
    }

    /** The answer's usage is published; its result is parsed next, or the variant is called again. */
    void billed(int variant) {
        unbilled[variant] = null;
    }

    void succeeded(int variant, ContentResult result, ChatCompletion completion) {
        results[variant] = result;
        answers[variant] = completion;
    }

    boolean complete() {
        for (ContentResult result : results) {
            if (result == null) {
                return false;
            }
        }
        return true;
    }

    /** Every variant with its temperature, in order; only once {@link #complete()}. */
    List<ContentVariant> variants() {
        List<ContentVariant> variants = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            variants.add(new ContentVariant(results[i], prompts.get(i).temperature()));
        }
        return variants;
    }

    /** The answer behind each variant's result, in order; only once {@link #complete()}. */
    List<ChatCompletion> answers() {
        return List.of(answers);
    }
}
