package com.clientnest.gateway.cache;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The gateway's timers: expired cached answers are deleted (nothing serves them meanwhile, as every lookup checks the
 * expiry), and deferred requests are released when the off-peak window opens ({@code ScheduledRequests}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CacheConfiguration {}
