package dev.vigil.access.credential;

import java.util.Optional;

/** An API key, {@code vgk_<id>_<secret>} ({@link PrefixedSecret}): what a script or a tool sends to Vigil's APIs. */
public record ApiKey(String id, String secret) implements PrefixedSecret {

    public static final String PREFIX = "vgk_";

    public static ApiKey generate() {
        String[] parts = PrefixedSecret.generate();
        return new ApiKey(parts[0], parts[1]);
    }

    /** The key in {@code text}, or empty when it is not shaped like one. */
    public static Optional<ApiKey> parse(String text) {
        return PrefixedSecret.parse(PREFIX, text).map(parts -> new ApiKey(parts[0], parts[1]));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String toString() {
        return withoutSecret();
    }
}
