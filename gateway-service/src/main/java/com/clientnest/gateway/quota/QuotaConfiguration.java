package com.clientnest.gateway.quota;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

    @Bean
    CostServiceClient costServiceClient(QuotaProperties properties, JsonMapper json) {
        return new CostServiceClient(properties, json);
    }
}
