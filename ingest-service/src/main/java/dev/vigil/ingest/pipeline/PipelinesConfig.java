package dev.vigil.ingest.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the pipelines come from, and what they drop when no file says otherwise. */
@ConfigMapping(prefix = "vigil.ingest.pipelines")
interface PipelinesConfig {

    /**
     * The pipelines file (YAML, see {@code docs/pipelines.md}). Without it every signal has one pipeline
     * {@code default} that stores everything except the system namespaces.
     */
    Optional<Path> file();

    /** How often the file is read again; a changed, valid file replaces the pipelines. */
    @WithDefault("5s")
    Duration reloadInterval();

    /**
     * Namespaces whose telemetry no pipeline keeps unless its {@code include.namespaces} names them.
     * The file's own {@code system-namespaces} replaces this list.
     */
    @WithDefault("kube-system,istio-system,vigil")
    List<String> systemNamespaces();

    static void validate(PipelinesConfig config) {
        if (config.reloadInterval().compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalStateException("vigil.ingest.pipelines.reload-interval must be at least 100ms, was "
                    + config.reloadInterval());
        }
    }
}
