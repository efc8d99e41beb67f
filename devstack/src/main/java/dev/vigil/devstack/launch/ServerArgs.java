package dev.vigil.devstack.launch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code --name value} arguments every devstack server main takes. */
public final class ServerArgs {
    private final Map<String, String> values;

    private ServerArgs(Map<String, String> values) {
        this.values = values;
    }

    public static ServerArgs parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new ServerArgs(values);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException("missing --" + name));
    }

    public int port(String name) {
        return Integer.parseInt(required(name));
    }

    public Path path(String name) {
        return Path.of(required(name)).toAbsolutePath();
    }
}
