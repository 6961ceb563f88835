package com.clientnest.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerTest {

    @Test
    void doesNotPrintAnAdminKeyThatCameFromTheEnvironment() {
        // Given
        LocalStackSettings settings =
                LocalStackSettings.fromEnvironment(Map.of("CLIENTNEST_ADMIN_API_KEY", "s3cret-admin-key"));

        // When
        String line = Banner.adminKey(settings);

        // Then
        assertThat(line).isEqualTo("(from CLIENTNEST_ADMIN_API_KEY, not shown)");
    }

    @Test
    void printsTheWellKnownDefaultAdminKeyWhenNoneIsSet() {
        // Given
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of());

        // When
        String line = Banner.adminKey(settings);

        // Then
        assertThat(line).isEqualTo("dev-admin-key (default: CLIENTNEST_ADMIN_API_KEY is not set)");
    }
}
