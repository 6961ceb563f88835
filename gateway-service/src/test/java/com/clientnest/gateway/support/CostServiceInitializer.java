package com.clientnest.gateway.support;

import java.util.Map;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Points a gateway test context at the {@link RunningCostService}, unless the test's command line points it
 * elsewhere (a cost service that is down). The time limit is generous: the tests run two gateways, the cost service, the broker
 * and the database on two cores, and a test that wants the production limit sets it.
 */
public final class CostServiceInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, String> defaults = Map.of(
                "clientnest.gateway.quota.cost-service-url",
                RunningCostService.url(),
                "clientnest.gateway.quota.service-token",
                RunningCostService.SERVICE_TOKEN,
                "clientnest.gateway.quota.timeout",
                "10s",
                "clientnest.gateway.quota.connect-timeout",
                "5s");
        PropertySource<?> commandLine = context.getEnvironment()
                .getPropertySources()
                .get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        defaults.forEach((name, value) -> {
            if (commandLine == null || !commandLine.containsProperty(name)) {
                TestPropertyValues.of(name + "=" + value).applyTo(context);
            }
        });
    }
}
