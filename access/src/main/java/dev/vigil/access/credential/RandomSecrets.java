package dev.vigil.access.credential;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values from the JDK's strong random source: key secrets and session tokens. */
final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    /** {@code bytes} random bytes, base64url without padding. */
    static String base64url(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static byte[] bytes(int count) {
        byte[] value = new byte[count];
        RANDOM.nextBytes(value);
        return value;
    }

    /** {@code length} characters of {@code a-z0-9}: a short id that needs no escaping anywhere. */
    static String lowercase(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
