package com.clientnest.local;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A service running as a Spring context of this JVM: the default of {@code ./run-local}, cheapest to start. */
final class ServiceContext implements RunningService {

    private final String name;
    private final ConfigurableApplicationContext context;

    private ServiceContext(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    // Logging is one system for the whole JVM (local-stack's logback.xml): no application name in the lines,
    // which would only name the service that happened to start last.
    static ServiceContext start(ServiceLaunch launch) {
        List<String> args = new ArrayList<>(launch.commandLine());
        args.add("--logging.include-application-name=false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(launch.application())
                .properties("spring.config.name=" + launch.configName())
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        return new ServiceContext(launch.name(), context);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String url() {
        return "http://localhost:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
