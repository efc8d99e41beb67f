package dev.vigil.access.verify;

import java.time.Duration;

/**
 * The login session's cookie, {@value #NAME}: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Secure when the login came over TLS, for the whole origin.
 */
public final class SessionCookie {

    public static final String NAME = "vigil_session";

    private SessionCookie() {
    }

    /** The {@code Set-Cookie} value that starts a session with {@code token}, lasting {@code duration}. */
    public static String set(String token, Duration duration, boolean tls) {
        return NAME + "=" + token + "; Path=/; Max-Age=" + duration.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (tls ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that ends it in the browser. */
    public static String clear(boolean tls) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }
}
