package com.clientnest.gateway.cache;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Expired answers are deleted on a timer; nothing serves them meanwhile, as every lookup checks the expiry. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CacheConfiguration {}
