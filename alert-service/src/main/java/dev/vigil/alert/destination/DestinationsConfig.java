package dev.vigil.alert.destination;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Where channels may send besides the public internet. */
@ConfigMapping(prefix = "vigil.alert.destinations")
public interface DestinationsConfig {

    /**
     * Internal addresses channels may send to all the same: CIDRs ({@code 10.1.0.0/16}, {@code fd00::/8}), single
     * addresses ({@code 127.0.0.1}) or host names ({@code alertmanager.internal}, trusted whatever they resolve to).
     * Empty by default: only public addresses.
     */
    Optional<List<String>> allow();
}
