package dev.vigil.devstack.launch;

import java.util.Optional;

/**
 * Ends a server process when the process that started it is gone, so a test JVM killed with
 * SIGKILL leaves no Kafka, PostgreSQL or ClickHouse behind. {@code System.exit} runs the server's
 * shutdown hook, which stops it cleanly.
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    /** Watches the process whose pid follows {@code --parent-pid} in {@code args}, if any. */
    public static void startFrom(ServerArgs args) {
        args.optional("parent-pid").map(Long::parseLong).ifPresent(ParentWatch::watch);
    }

    public static void watch(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            System.err.println("parent process " + parentPid + " is already gone; exiting");
            System.exit(1);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("parent process " + parentPid + " exited; shutting down");
            System.exit(0);
        });
    }
}
