package dev.vigil.ingest.pipeline;

import com.google.protobuf.Message;
import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The pipelines in force, and the router that runs exports through them. They are read from the
 * pipelines file at start-up — an invalid file stops the service with a message naming the line and
 * the field — and again whenever its content changes: a valid new file replaces every pipeline at once,
 * an invalid one is reported and the pipelines in force stay.
 */
@Startup
@Singleton
public final class Pipelines implements PipelineRouter {
    static final String RELOADS_METER = "vigil.pipeline.reloads";
    private static final Logger LOG = Logger.getLogger(Pipelines.class);

    private final Optional<Path> file;
    private final List<String> defaultSystemNamespaces;
    private final MeterRegistry registry;
    private final Consumer<PipelinesReloaded> onReload;
    private final Counter reloaded;
    private final Counter reloadFailed;
    private final ScheduledExecutorService watcher;
    private volatile RoutingTable table;
    /** The file content last read, valid or not, so that one bad edit is reported once. */
    private byte[] lastRead;

    @Inject
    Pipelines(PipelinesConfig config, MeterRegistry registry, Event<PipelinesReloaded> reloads,
            ConfigEventPublisher events) {
        this(config, registry, reloaded -> {
            reloads.fire(reloaded);
            events.publish(reloaded);
        });
    }

    Pipelines(PipelinesConfig config, MeterRegistry registry, Consumer<PipelinesReloaded> onReload) {
        PipelinesConfig.validate(config);
        this.file = config.file();
        this.defaultSystemNamespaces = List.copyOf(config.systemNamespaces());
        this.registry = registry;
        this.onReload = onReload;
        this.reloaded = Counter.builder(RELOADS_METER).tag("result", "success")
                .description("Reloads of the pipelines file").register(registry);
        this.reloadFailed = Counter.builder(RELOADS_METER).tag("result", "failed")
                .description("Reloads of the pipelines file").register(registry);
        if (file.isEmpty()) {
            table = new RoutingTable(PipelineFile.defaults(defaultSystemNamespaces), registry);
            LOG.infof("No pipelines file (vigil.ingest.pipelines.file): every signal is stored, except the system"
                    + " namespaces %s", defaultSystemNamespaces);
            watcher = null;
            return;
        }
        Path path = file.get();
        byte[] content = read(path);
        try {
            table = new RoutingTable(parse(path, content), registry);
        } catch (PipelineConfigException e) {
            throw new IllegalStateException("vigil.ingest.pipelines.file: " + e.getMessage(), e);
        }
        lastRead = content;
        LOG.infof("Pipelines from %s: %s", path, describe(table.file()));
        long interval = config.reloadInterval().toMillis();
        watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vigil-pipelines-reload")
                .factory());
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public <R extends Message> List<Routed<R>> route(Signal signal, R request, int items, Predicate<String> pipelines) {
        return table.route(signal, request, items, pipelines);
    }

    @Override
    public List<String> names(Signal signal) {
        return table.names(signal);
    }

    /** The outputs that pipelines in force forward to, by name. */
    public Map<String, ForwardOutput> forwardOutputs() {
        return table.file().forwardOutputs();
    }

    /** The names of the pipelines in force for each signal. */
    public Map<Signal, List<String>> names() {
        return table.file().names();
    }

    void reloadIfChanged() {
        Path path = file.orElseThrow();
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            if (lastRead != null) {
                reloadFailed.increment();
                LOG.errorf("The pipelines file %s cannot be read (%s); the pipelines in force stay", path, e);
                lastRead = null;
            }
            return;
        }
        if (Arrays.equals(content, lastRead)) {
            return;
        }
        lastRead = content;
        PipelineFile parsed;
        try {
            parsed = parse(path, content);
        } catch (PipelineConfigException e) {
            reloadFailed.increment();
            LOG.errorf("The changed pipelines file is not valid, the pipelines in force stay: %s", e.getMessage());
            return;
        }
        table = new RoutingTable(parsed, registry);
        reloaded.increment();
        LOG.infof("Pipelines reloaded from %s: %s", path, describe(parsed));
        try {
            onReload.accept(new PipelinesReloaded(parsed.names(), parsed.forwardOutputs()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Announcing the pipelines reload failed; the new pipelines are in force");
        }
    }

    private PipelineFile parse(Path path, byte[] content) {
        return PipelineFileParser.parse(path.toString(), new String(content, StandardCharsets.UTF_8),
                defaultSystemNamespaces);
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("vigil.ingest.pipelines.file: " + path + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException("vigil.ingest.pipelines.file: " + path + " cannot be read: " + e, e);
        }
    }

    private static String describe(PipelineFile file) {
        StringBuilder out = new StringBuilder();
        file.names().forEach((signal, names) -> out.append(out.isEmpty() ? "" : "; ").append(signal.id()).append(' ')
                .append(names.isEmpty() ? "opted out (no pipeline: its data is dropped)" : names));
        return out.toString();
    }

    @PreDestroy
    void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
