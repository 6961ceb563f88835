package com.clientnest.gateway.ratelimit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The rate limit applies to AI submissions, after the authentication interceptors have found the caller. */
@Configuration(proxyBeanMethods = false)
class RateLimitWebConfiguration implements WebMvcConfigurer {

    /** After the authentication and role interceptors, which keep the default order 0. */
    static final int ORDER = 100;

    private final RateLimiter limiter;

    RateLimitWebConfiguration(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RateLimitInterceptor(limiter))
                .addPathPatterns("/api/v1/ai/**")
                .order(ORDER);
    }
}
