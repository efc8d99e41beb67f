package dev.vigil.access.credential;

/** A login session's token: 32 random bytes, base64url. Only its SHA-256 is stored. */
public final class SessionToken {

    private SessionToken() {
    }

    public static String generate() {
        return RandomSecrets.base64url(32);
    }
}
