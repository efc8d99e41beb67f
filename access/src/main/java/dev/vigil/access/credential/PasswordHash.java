package dev.vigil.access.credential;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password's stored form: PBKDF2-HMAC-SHA256 over a 16-byte random salt, written
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), so a hash made with an older iteration count still
 * verifies after the setting changes.
 */
public final class PasswordHash {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int HASH_BITS = 256;

    private PasswordHash() {
    }

    public static String hash(String password, int iterations) {
        byte[] salt = RandomSecrets.bytes(16);
        return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one {@code stored} was made from; constant-time in the comparison. */
    public static boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}
