package com.clientnest.gateway.quota;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

    @Bean
    CostServiceClient costServiceClient(
            QuotaProperties properties, JsonMapper json, Tracer tracer, Propagator propagator) {
        return new CostServiceClient(properties, json, tracer, propagator);
    }

    @Bean(destroyMethod = "close")
    ReservationBatcher reservationBatcher(
            CostServiceClient costService, QuotaProperties properties, MeterRegistry meters) {
        return new ReservationBatcher(
                costService,
                properties.batch().maxSize(),
                properties.batch().senders(),
                properties.admissionWaitLimit(),
                meters);
    }
}
