package dev.vigil.bench.all;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Samples the resident set size of each process of the stack once a second while it runs, and keeps the most of each.
 * The pids are the ones {@code ./vigil up} wrote to its run directory ({@code <name>.pid}). Each was started in a
 * session of its own, so a process's size is that of every process of its session: the infrastructure launchers
 * start their servers as children (PostgreSQL's server outlives its launcher, in the same session).
 */
final class ResidentMemory {
    private final Path runDir;
    private final List<String> names;
    private final Map<String, Long> mostKb = new ConcurrentHashMap<>();
    private final Thread sampler;

    ResidentMemory(Path runDir, List<String> names) {
        this.runDir = runDir;
        this.names = names;
        this.sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sampleEverySecond);
    }

    /** The most resident memory seen of each process, in MB (10^6 bytes); empty for one never seen running. */
    Map<String, Optional<Double>> mostMegabytes() {
        Map<String, Optional<Double>> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, Optional.ofNullable(mostKb.get(name)).map(kb -> kb * 1024 / 1e6));
        }
        return out;
    }

    /** Stops sampling. */
    void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
        sample(); // one last, so that a short run has a figure too
    }

    private void sampleEverySecond() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        Map<Long, Long> kbBySession = kbBySession();
        for (String name : names) {
            pid(name).map(kbBySession::get).ifPresent(kb -> mostKb.merge(name, kb, Math::max));
        }
    }

    private Optional<Long> pid(String name) {
        try {
            return Optional.of(Long.parseLong(Files.readString(runDir.resolve(name + ".pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Resident kB of every process on the machine, summed by session id. */
    private static Map<Long, Long> kbBySession() {
        Map<Long, Long> sums = new LinkedHashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    long session = session(Files.readString(p.resolve("stat")));
                    residentKb(Files.readAllLines(p.resolve("status")))
                            .ifPresent(kb -> sums.merge(session, kb, Long::sum));
                } catch (IOException | RuntimeException e) {
                    // The process ended between listing and reading: it no longer counts.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return sums;
    }

    /** The session id from {@code /proc/<pid>/stat}: the fourth field after the command's closing parenthesis. */
    static long session(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    /** {@code VmRSS} in kB from {@code /proc/<pid>/status}; empty for a kernel thread, which has none. */
    static Optional<Long> residentKb(List<String> status) {
        return status.stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.substring(6).replace("kB", "").strip())).findFirst();
    }
}
