package dev.vigil.devstack.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Finds the ClickHouse engine library, {@code libchdb.so}, fetching it on first use.
 *
 * <p>The library ships in an npm package, so it is fetched with {@code npm pack} (npm's own
 * configured registry), checked against a pinned SHA-256 and unpacked into a per-user cache outside
 * the repository. Writes go to a temporary file renamed into place, and a file lock serialises
 * concurrent fetchers, so two processes starting at once never see a half-written library.
 */
public final class ChdbLibrary {

    /** Environment variable naming an existing {@code libchdb.so} to use instead of the cached one. */
    public static final String ENV_OVERRIDE = "VIGIL_CHDB_LIB";
    /** System property with the same meaning as {@link #ENV_OVERRIDE}; it wins when both are set. */
    public static final String PROPERTY_OVERRIDE = "vigil.chdb.lib";

    static final String PACKAGE = "@chdb/lib-linux-x64-gnu";
    static final String VERSION = "26.7.3-stable.1";
    static final String TARBALL_SHA256 = "c0d32b129e988f2b9a9a31c9141aecf5e1e2453f9a079efc4d36ab8e3f92b2ad";
    private static final String ENTRY = "package/libchdb.so";
    private static final long NPM_TIMEOUT_MINUTES = 15;

    private ChdbLibrary() {
    }

    /**
     * Returns the path of a usable {@code libchdb.so}: the override if one is set, otherwise the
     * cached copy, fetching it first when absent. Safe to call from several processes at once.
     *
     * @throws IllegalStateException when the override names no file, npm is missing, npm fails or
     *                               the downloaded package does not match its pinned checksum
     */
    public static Path locate() {
        String override = System.getProperty(PROPERTY_OVERRIDE);
        String source = "system property " + PROPERTY_OVERRIDE;
        if (override == null || override.isBlank()) {
            override = System.getenv(ENV_OVERRIDE);
            source = "environment variable " + ENV_OVERRIDE;
        }
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(source + " points at " + path + ", which is not an existing libchdb.so");
            }
            return path;
        }
        Path cached = cacheDirectory().resolve("libchdb.so");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        try {
            return fetchInto(cached);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not fetch " + PACKAGE + "@" + VERSION + " into " + cached.getParent(), e);
        }
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/vigil/chdb/<version>}. */
    static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vigil").resolve("chdb").resolve(VERSION);
    }

    private static Path fetchInto(Path target) throws IOException {
        Path directory = target.getParent();
        Files.createDirectories(directory);
        try (FileChannel lockFile = FileChannel.open(directory.resolve(".fetch.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            // Another process may have finished the fetch while this one waited for the lock.
            if (Files.isRegularFile(target)) {
                return target;
            }
            // The work directory sits beside the target so the final rename stays on one file system.
            Path work = Files.createTempDirectory(directory, "fetch-");
            try {
                Path tarball = npmPack(work);
                verifyChecksum(tarball);
                Path unpacked = work.resolve("libchdb.so." + UUID.randomUUID());
                extractLibrary(tarball, unpacked);
                moveAtomically(unpacked, target);
                return target;
            } finally {
                deleteRecursively(work);
            }
        }
    }

    private static Path npmPack(Path work) throws IOException {
        Path stdout = work.resolve("npm.out");
        Path stderr = work.resolve("npm.err");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                "npm", "pack", PACKAGE + "@" + VERSION, "--pack-destination", work.toString(), "--silent"))
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Process npm;
        try {
            npm = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("npm is needed to fetch the ClickHouse engine (" + PACKAGE + "@" + VERSION
                    + ") but could not be run: install Node.js with npm, or set " + ENV_OVERRIDE
                    + " to an existing libchdb.so", e);
        }
        try {
            if (!npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm pack " + PACKAGE + "@" + VERSION + " did not finish within "
                        + NPM_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + PACKAGE + "@" + VERSION, e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm pack " + PACKAGE + "@" + VERSION + " failed with exit code "
                    + npm.exitValue() + ": " + Files.readString(stderr, StandardCharsets.UTF_8).strip());
        }
        try (var files = Files.list(work)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new IllegalStateException("npm pack " + PACKAGE + "@" + VERSION + " left " + tarballs.size()
                        + " tarballs in " + work + "; expected exactly one");
            }
            return tarballs.getFirst();
        }
    }

    static void verifyChecksum(Path tarball) throws IOException {
        String actual = sha256(tarball);
        if (!actual.equals(TARBALL_SHA256)) {
            throw new IllegalStateException("Checksum mismatch for " + PACKAGE + "@" + VERSION + ": expected sha256 "
                    + TARBALL_SHA256 + " but the downloaded package has " + actual + "; refusing to use it");
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK offers no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies {@value #ENTRY} out of a gzipped tar, reading ustar and pax headers only as far as needed. */
    static void extractLibrary(Path tarball, Path destination) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            byte[] header = new byte[512];
            String paxPath = null;
            while (readFully(in, header)) {
                if (isZeroBlock(header)) {
                    break;
                }
                String name = paxPath != null ? paxPath : entryName(header);
                paxPath = null;
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == 'x') {
                    paxPath = paxPathOf(in.readNBytes((int) size));
                    in.skipNBytes(padded - size);
                } else if ((type == '0' || type == '\0') && name.equals(ENTRY)) {
                    try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW)) {
                        copyExactly(in, out, size);
                    }
                    try (FileChannel channel = FileChannel.open(destination, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                    return;
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
        throw new IllegalStateException(PACKAGE + "@" + VERSION + " holds no " + ENTRY);
    }

    private static String entryName(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPathOf(byte[] records) {
        // Records read "<length> <key>=<value>\n".
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("Truncated tar archive");
        }
        return true;
    }

    private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long remaining = size;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException("Truncated tar entry " + ENTRY);
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The cache directory " + target.getParent() + " does not support atomic renames", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
