package dev.vigil.access.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a credential's secret: what is stored instead of it. The secrets are 256 random bits, so a plain hash
 * is enough (no salt or stretching, which passwords need); comparisons take the same time whatever the inputs.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    /**
     * Whether {@code storedHex}, a hash as the access tables keep it (lower-case hex), is {@code sha256}; in constant
     * time, as {@link #same}.
     */
    public static boolean sameAsStored(String storedHex, byte[] sha256) {
        return same(storedHex.getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().formatHex(sha256).getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time: how long it takes says nothing about where the two differ. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
