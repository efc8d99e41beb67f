package dev.vigil.store.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the schema files on the class path. The build writes {@value #INDEX} from the folder
 * {@code src/main/resources/clickhouse/} itself (every {@code *.sql} in it), so a file added there is applied
 * without being listed anywhere by hand; reading an index rather than scanning works alike from a jar, from
 * {@code target/classes}, in Quarkus's class loaders and in a native image.
 */
public final class Migrations {
    /** The build-time listing of the schema files, one file name a line. */
    public static final String INDEX = "clickhouse/migrations.index";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{4})__([a-z0-9_]+)\\.sql");

    private Migrations() {
    }

    /**
     * Every schema file, in version order. Throws when the index is missing, a file is misnamed, or two files share
     * a version: the schema would otherwise be applied partly, or in an order nobody chose.
     */
    public static List<Migration> discover() {
        List<Migration> migrations = new ArrayList<>();
        Map<Integer, String> versions = new HashMap<>();
        for (String file : read(INDEX).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            Migration migration = load(file);
            String previous = versions.put(migration.version(), file);
            if (previous != null) {
                throw new IllegalStateException("clickhouse/" + previous + " and clickhouse/" + file
                        + " have the same version " + migration.version() + "; give one of them the next free number");
            }
            migrations.add(migration);
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException(INDEX + " lists no schema file");
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        return List.copyOf(migrations);
    }

    /** One schema file by its name, e.g. {@code V0001__traces.sql}. */
    public static Migration load(String file) {
        Matcher m = FILE_NAME.matcher(file);
        if (!m.matches()) {
            throw new IllegalStateException("schema file names look like V0001__name.sql, not clickhouse/" + file);
        }
        String text = read("clickhouse/" + file);
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), file, text,
                sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(String path) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
