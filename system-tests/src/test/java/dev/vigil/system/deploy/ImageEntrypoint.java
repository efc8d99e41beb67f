package dev.vigil.system.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service's {@code Dockerfile.jvm} runs, translated to this machine: its {@code ENTRYPOINT} (exec form) with
 * {@code java} as the test's JDK 25 (the image's Temurin 25) and every container path its {@code COPY} lines fill
 * pointing at the module's build output, and its {@code WORKDIR} likewise.
 */
record ImageEntrypoint(List<String> command, Path workDir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A {@code COPY src dest} line; src relative to the build context, the module folder. */
    private record Copy(String source, String destination) {
    }

    static ImageEntrypoint of(Path module, String dockerfile) {
        Path file = module.resolve(dockerfile);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Copy> copies = new ArrayList<>();
        List<String> entrypoint = null;
        String workDir = "/";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("COPY ")) {
                List<String> words = new ArrayList<>(List.of(line.substring(5).strip().split("\\s+")));
                words.removeIf(w -> w.startsWith("--"));
                if (words.size() != 2) {
                    throw new IllegalStateException(file + ": a COPY with one source and one destination, not " + line);
                }
                copies.add(new Copy(words.get(0), words.get(1)));
            } else if (line.startsWith("WORKDIR ")) {
                workDir = line.substring(8).strip();
            } else if (line.startsWith("ENTRYPOINT ")) {
                try {
                    entrypoint = JSON.readValue(line.substring(11), new TypeReference<List<String>>() { });
                } catch (IOException e) {
                    throw new IllegalStateException(file + ": ENTRYPOINT must be in exec form (a JSON array): " + line, e);
                }
            }
        }
        if (entrypoint == null || entrypoint.isEmpty()) {
            throw new IllegalStateException(file + " has no ENTRYPOINT");
        }
        List<String> command = new ArrayList<>();
        for (String arg : entrypoint) {
            command.add(arg.startsWith("/") ? local(module, copies, arg, file).toString() : arg);
        }
        if (!command.getFirst().equals("java")) {
            throw new IllegalStateException(file + ": the JVM image's entry point starts java, not " + command.getFirst());
        }
        command.set(0, javaBinary());
        return new ImageEntrypoint(List.copyOf(command), local(module, copies, workDir, file));
    }

    /** The file or folder of the build output that the image holds at {@code containerPath}. */
    private static Path local(Path module, List<Copy> copies, String containerPath, Path dockerfile) {
        String path = containerPath.endsWith("/") ? containerPath : containerPath + "/";
        for (Copy copy : copies) {
            String destination = copy.destination().endsWith("/") ? copy.destination() : copy.destination() + "/";
            String source = copy.source();
            if (source.contains("*")) {
                // COPY dir/*.jar /dest/: the files of dir matching the pattern land in /dest/.
                Path folder = module.resolve(source.substring(0, source.lastIndexOf('/')));
                if (path.equals(destination)) {
                    return folder;
                }
                if (path.startsWith(destination)) {
                    String name = containerPath.substring(destination.length());
                    var glob = FileSystems.getDefault().getPathMatcher("glob:" + source.substring(source.lastIndexOf('/') + 1));
                    if (!name.contains("/") && glob.matches(Path.of(name))) {
                        return folder.resolve(name);
                    }
                }
            } else if (source.endsWith("/") && path.startsWith(destination)) {
                return module.resolve(source).resolve(containerPath.substring(Math.min(containerPath.length(),
                        destination.length())));
            } else if (!source.endsWith("/") && containerPath.equals(copy.destination())) {
                return module.resolve(source);
            }
        }
        throw new IllegalStateException(dockerfile + ": no COPY puts anything at " + containerPath);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
