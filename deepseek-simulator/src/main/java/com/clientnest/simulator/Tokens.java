package com.clientnest.simulator;

/**
 * The simulator's token approximation: one token per four characters (UTF-16 units), rounded up, which is close to
 * what DeepSeek's tokenizer gives for English prose. Every count the simulator reports uses it.
 */
final class Tokens {

    static final int CHARS_PER_TOKEN = 4;

    private Tokens() {}

    static int count(CharSequence text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** The longest prefix of {@code text} that fits in {@code tokens}, never splitting a surrogate pair. */
    static String truncate(String text, int tokens) {
        long limit = (long) tokens * CHARS_PER_TOKEN;
        if (text.length() <= limit) {
            return text;
        }
        int end = (int) limit;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
