package com.clientnest.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys are 256 random bits shown once; only their SHA-256 is stored. A fast hash is enough because the keys
 * carry full entropy: unlike passwords they cannot be guessed from a dictionary.
 */
final class ApiKeys {

    static final String PREFIX = "cn_";
    private static final int KEY_BYTES = 32;

    private final SecureRandom random;

    ApiKeys(SecureRandom random) {
        this.random = random;
    }

    String generate() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes. */
    static String hash(String apiKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Compares two keys in time independent of where they differ, so a timing probe learns nothing. */
    static boolean sameKey(String presented, String expected) {
        return MessageDigest.isEqual(
                hash(presented).getBytes(StandardCharsets.US_ASCII),
                hash(expected).getBytes(StandardCharsets.US_ASCII));
    }
}
