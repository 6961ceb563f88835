package com.clientnest.gateway.auth;

import com.clientnest.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the development user when a key for it is configured ({@code clientnest.gateway.dev-user.api-key}). */
@Component
class DevUserBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DevUserBootstrap.class);

    private final UserService users;
    private final GatewayProperties properties;

    DevUserBootstrap(UserService users, GatewayProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String apiKey = properties.devUser().apiKey();
        if (apiKey == null || apiKey.isBlank()) {
            return;
        }
        users.ensureDevUser(apiKey);
        log.info("Development user '{}' (professional tier) is ready", UserService.DEV_USER_ID);
    }
}
