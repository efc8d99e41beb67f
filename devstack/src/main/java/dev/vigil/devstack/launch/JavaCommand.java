package dev.vigil.devstack.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The java binary and classpath that devstack's servers run with. */
final class JavaCommand {
    /** Where devstack is packaged: {@code devstack.jar} and {@code lib/}. */
    static final String HOME_PROPERTY = "vigil.devstack.home";

    private JavaCommand() {
    }

    /** The same JDK as this JVM: devstack needs Java 25 for the FFM API, and so does its caller. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The packaged devstack when {@value #HOME_PROPERTY} names it (the services' tests, whose own
     * classpath lacks the servers' dependencies); otherwise this JVM's classpath, which is
     * devstack's own (its tests).
     */
    static String devstackClasspath() {
        String home = System.getProperty(HOME_PROPERTY, System.getenv("VIGIL_DEVSTACK_HOME"));
        if (home == null || home.isBlank()) {
            return System.getProperty("java.class.path");
        }
        Path dir = Path.of(home);
        Path jar = dir.resolve("devstack.jar");
        Path lib = dir.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(HOME_PROPERTY + "=" + home
                    + " holds no devstack.jar and lib/: build devstack first (mvn -pl devstack package)");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return Stream.concat(Stream.of(jar), jars.filter(p -> p.toString().endsWith(".jar")).sorted())
                    .map(Path::toString)
                    .reduce((a, b) -> a + File.pathSeparator + b)
                    .orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + lib + ": " + e.getMessage(), e);
        }
    }
}
