package com.clientnest.local;

import com.clientnest.infrastructure.EmbeddedInfrastructure;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local}: a real Kafka broker (KRaft) and a real PostgreSQL embedded in this process, the DeepSeek
 * simulator unless {@code DEEPSEEK_API_KEY} is set, and the three services on their well-known ports: in this JVM,
 * or each in a JVM of its own with {@code --processes} (or {@code CLIENTNEST_LOCAL_PROCESSES=true}). Ctrl-C stops
 * everything, services first, and leaves no process behind. {@code ./run-local follow <topic>} prints a topic of the
 * running stack instead ({@link TopicFollower}).
 */
public final class LocalStackMain {

    private static final Logger log = LoggerFactory.getLogger(LocalStackMain.class);

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("follow")) {
            TopicFollower.run(List.of(args).subList(1, args.length));
            return;
        }
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(System.getenv());
        if (List.of(args).contains("--processes")) {
            settings = settings.withSeparateProcesses();
        }
        Path dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "clientnest-postgres");
        EmbeddedInfrastructure infrastructure =
                EmbeddedInfrastructure.start(settings.kafkaPort(), settings.postgresPort(), dataDirectory, true);
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, infrastructure);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("Stopping the local stack");
                            try {
                                stack.close();
                            } finally {
                                infrastructure.close();
                                stopped.countDown();
                            }
                        },
                        "local-stack-shutdown"));
        log.info(Banner.describe(settings, stack, infrastructure));
        stopped.await();
    }
}
