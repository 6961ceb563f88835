package com.clientnest.gateway.submission;

import com.clientnest.gateway.cache.CacheKeyLock;
import com.clientnest.gateway.cache.ResponseCache;
import com.clientnest.gateway.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionOperations;

@Configuration(proxyBeanMethods = false)
class SubmissionConfiguration {

    @Bean(destroyMethod = "close")
    QueuedWriter queuedWriter(
            TransactionOperations transactions,
            SubmissionRepository requests,
            Outbox outbox,
            CacheKeyLock keyLock,
            ResponseCache cache,
            SubmissionProperties properties,
            MeterRegistry meters) {
        return new QueuedWriter(
                transactions,
                requests,
                outbox,
                keyLock,
                cache,
                properties.batch().maxSize(),
                properties.batch().writers(),
                properties.batch().lockWait(),
                meters);
    }
}
