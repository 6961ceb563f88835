package com.clientnest.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The key of an answer: SHA-256 (hex) of the request type, its input fields normalised, the model, and the scope (the
 * user for a per-user type). Generation parameters (temperature, max tokens) are input fields like the others. Text is
 * normalised as a reader would see it, Unicode NFC, surrounding space trimmed and inner runs of white space made one
 * space, and kept in its case: "GREAT" and "great" may be read differently. A pure function, tested alone.
 */
final class CacheKey {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private CacheKey() {}

    /**
     * @param fields the request's input and generation parameters by name; a null value counts as absent
     * @param scopeOwner the user the answer belongs to, or null when every user shares it
     */
    static String of(String type, Map<String, Object> fields, String model, String scopeOwner) {
        StringBuilder canonical = new StringBuilder()
                .append("type=")
                .append(type)
                .append('\n')
                .append("model=")
                .append(model)
                .append('\n')
                .append("scope=")
                .append(scopeOwner == null ? "*" : "user:" + scopeOwner)
                .append('\n');
        new TreeMap<>(fields).forEach((name, value) -> {
            if (value != null) {
                canonical.append(name).append('=').append(normalise(value)).append('\n');
            }
        });
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String normalise(Object value) {
        if (!(value instanceof String text)) {
            return String.valueOf(value);
        }
        // No line break survives, so one field cannot pass for two.
        return WHITE_SPACE
                .matcher(Normalizer.normalize(text, Normalizer.Form.NFC).strip())
                .replaceAll(" ");
    }
}
