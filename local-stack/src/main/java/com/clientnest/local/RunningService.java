package com.clientnest.local;

/** One started service of the local stack, in this JVM or in a process of its own. */
interface RunningService extends AutoCloseable {

    String name();

    /** Where its HTTP server listens, e.g. {@code http://localhost:8080}. */
    String url();

    /** Stops it gracefully: in-flight work finishes, consumers leave their groups. */
    @Override
    void close();
}
