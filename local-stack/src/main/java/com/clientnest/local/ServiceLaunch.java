package com.clientnest.local;

import java.util.ArrayList;
import java.util.List;

/**
 * How one service of the suite is started, the same in both modes: its application class, its configuration
 * file's name, its port and the command-line arguments that point it at the shared infrastructure.
 *
 * @param module the Maven module, whose runnable {@code -exec} jar the process mode starts
 */
record ServiceLaunch(String name, String module, Class<?> application, String configName, int port, List<String> args) {

    ServiceLaunch {
        args = List.copyOf(args);
    }

    /** The port first, then the arguments: what the service's {@code main} gets. */
    List<String> commandLine() {
        List<String> line = new ArrayList<>(List.of("--server.port=" + port));
        line.addAll(args);
        return line;
    }
}
