package com.clientnest.gateway.auth;

import java.security.SecureRandom;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every {@code /api/**} call is authenticated; AI calls need a user, admin calls the admin role, the ops desk the ops
 * or admin role.
 */
@Configuration(proxyBeanMethods = false)
class AuthWebConfiguration implements WebMvcConfigurer {

    private final ApiKeyAuthenticator authenticator;

    AuthWebConfiguration(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Bean
    ApiKeys apiKeys() {
        return new ApiKeys(new SecureRandom());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuthenticationInterceptor(authenticator)).addPathPatterns("/api/**");
        registry.addInterceptor(new RoleInterceptor(Role.USER))
                .addPathPatterns("/api/v1/ai/**", "/api/v1/usage", "/api/v1/queue");
        registry.addInterceptor(new RoleInterceptor(Role.ADMIN)).addPathPatterns("/api/v1/admin/**");
        registry.addInterceptor(new RoleInterceptor(Role.OPS, Role.ADMIN)).addPathPatterns("/api/v1/ops/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
