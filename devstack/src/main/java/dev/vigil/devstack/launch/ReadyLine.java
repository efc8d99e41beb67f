package dev.vigil.devstack.launch;

import java.util.Optional;

/**
 * The line a devstack server prints on standard output once it accepts connections:
 * {@code VIGIL-READY <name> <endpoint>}. Both the Java launcher and {@code ./vigil} wait for it.
 */
public record ReadyLine(String name, String endpoint) {
    static final String PREFIX = "VIGIL-READY ";

    /** Prints the line and flushes, so a launcher reading the pipe sees it at once. */
    public static void announce(String name, String endpoint) {
        System.out.println(PREFIX + name + " " + endpoint);
        System.out.flush();
    }

    static Optional<ReadyLine> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ", 2);
        return parts.length == 2 ? Optional.of(new ReadyLine(parts[0], parts[1])) : Optional.empty();
    }
}
