package com.clientnest.gateway.support;

import com.clientnest.cost.CostApplication;
import com.clientnest.infrastructure.SharedTestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real cost service, started once per test JVM on a free port against the shared broker and database, so the
 * gateway's integration tests admit requests exactly as in production.
 */
public final class RunningCostService {

    public static final String SERVICE_TOKEN = "test-service-token";

    private static ConfigurableApplicationContext context;

    private RunningCostService() {}

    public static synchronized String url() {
        if (context == null) {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--clientnest.cost.api.service-token=" + SERVICE_TOKEN,
                    "--logging.include-application-name=false"));
            SharedTestInfrastructure.get()
                    .springProperties()
                    .forEach((name, value) -> args.add("--" + name + "=" + value));
            context = new SpringApplicationBuilder(CostApplication.class)
                    .properties("spring.config.name=" + CostApplication.CONFIG_NAME)
                    .run(args.toArray(String[]::new));
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://localhost:" + port;
    }
}
