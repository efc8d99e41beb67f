package dev.vigil.devstack.clickhouse;

import java.io.PrintStream;
import java.time.Instant;

/**
 * The server's few diagnostics, written straight to stderr: stdout carries only the ready line,
 * and the class path (Kafka's, Quarkus' test support) brings logging back ends that would
 * otherwise swallow or reroute {@link System.Logger} output.
 */
final class ServerLog {

    private ServerLog() {
    }

    static void info(String message) {
        write("INFO", message, null);
    }

    static void warn(String message) {
        write("WARN", message, null);
    }

    static void warn(String message, Throwable cause) {
        write("WARN", message, cause);
    }

    static void error(String message, Throwable cause) {
        write("ERROR", message, cause);
    }

    private static synchronized void write(String level, String message, Throwable cause) {
        PrintStream err = System.err;
        err.println(Instant.now() + " " + level + " [clickhouse] " + message);
        if (cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
    }
}
