package com.clientnest.simulator;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator alone ({@code java -jar deepseek-simulator-*-exec.jar}), configured by the
 * {@code DEEPSEEK_SIM_*} environment variables described in the module README, until SIGINT or SIGTERM.
 */
public final class SimulatorApplication {

    private SimulatorApplication() {}

    public static void main(String[] args) throws InterruptedException {
        // Set before the first logger exists; the simulator's jar must not ship a logback.xml, which would take
        // over the logging of every application that embeds the simulator.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "deepseek-simulator-logback.xml");
        }
        Logger log = LoggerFactory.getLogger(SimulatorApplication.class);
        SimulatorSettings settings = SimulatorSettings.fromEnvironment(System.getenv(), System.getProperties());
        DeepSeekSimulator simulator = DeepSeekSimulator.start(settings);
        log.info(
                "DeepSeek simulator listening on {}:{} (POST /chat/completions, control API under /_sim); models {},"
                        + " latency {}, concurrency limit {}, {}",
                settings.host(),
                simulator.port(),
                settings.models(),
                settings.latency(),
                settings.concurrencyLimit(),
                settings.requiredApiKey() == null ? "any bearer key accepted" : "one bearer key accepted");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            log.info("DeepSeek simulator stopped");
                            stopped.countDown();
                        },
                        "deepseek-sim-shutdown"));
        // The event loops are daemon threads, so the main thread holds the process open until a signal arrives.
        stopped.await();
    }
}
