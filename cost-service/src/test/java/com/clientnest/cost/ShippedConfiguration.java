package com.clientnest.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Binds the shipped {@code cost.yml} without starting the application, to check its values in unit tests. */
public final class ShippedConfiguration {

    private ShippedConfiguration() {}

    public static Binder binder() {
        String resource = CostApplication.CONFIG_NAME + ".yml";
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader()
                    .load(resource, new ClassPathResource(resource))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment);
    }
}
