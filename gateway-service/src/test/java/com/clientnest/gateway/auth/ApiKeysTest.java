package com.clientnest.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys apiKeys = new ApiKeys(new SecureRandom());

    @Test
    void hashesAKeyAsLowerCaseHexSha256() {
        // Given the FIPS 180-2 test vector "abc"
        // When
        String hash = ApiKeys.hash("abc");
        // Then
        assertThat(hash).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void generatesDistinctPrefixedKeysOf256RandomBits() {
        // Given / When
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(apiKeys.generate());
        }
        // Then: 32 bytes in unpadded base64url are 43 characters
        assertThat(keys)
                .hasSize(1000)
                .allSatisfy(key -> assertThat(key)
                        .startsWith(ApiKeys.PREFIX)
                        .hasSize(ApiKeys.PREFIX.length() + 43)
                        .matches("cn_[A-Za-z0-9_-]{43}"));
    }

    @Test
    void comparesKeysExactly() {
        assertThat(ApiKeys.sameKey("dev-admin-key", "dev-admin-key")).isTrue();
        assertThat(ApiKeys.sameKey("dev-admin-key", "dev-admin-kez")).isFalse();
        assertThat(ApiKeys.sameKey("dev-admin-key", "DEV-ADMIN-KEY")).isFalse();
    }
}
