package dev.vigil.devstack.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OpenID Connect identity provider for tests, on loopback: {@code /.well-known/openid-configuration} and a JWKS
 * with one RSA key, whose access tokens {@link #token()} signs. As a test resource it switches a service's
 * {@code vigil.access.oidc.*} on, with client id {@value #CLIENT_ID}, {@value #ADMINS} giving admin and
 * {@value #VIEWERS} viewer. Its key is fixed (a test key, like {@link TestCredentials}' admin key), so a token signs
 * the same in whichever class loader the test runs; a test reads the issuer URL from the service's config
 * ({@value #ISSUER_PROPERTY}).
 */
public final class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "vigil";
    public static final String ADMINS = "vigil-admins";
    public static final String VIEWERS = "vigil-viewers";
    public static final String ISSUER_PROPERTY = "vigil.access.oidc.issuer";

    private static final String REALM = "/realms/vigil";
    private static final String KEY_ID = "vigil-test-key";
    private static final KeyPair KEY = fixedKey();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
        String discovery = """
                {"issuer":"%1$s","jwks_uri":"%1$s/keys","authorization_endpoint":"%1$s/auth",\
                "token_endpoint":"%1$s/token","id_token_signing_alg_values_supported":["RS256"],\
                "response_types_supported":["code"],"subject_types_supported":["public"]}""".formatted(issuer);
        server.createContext(REALM + "/.well-known/openid-configuration", exchange -> json(exchange, discovery));
        server.createContext(REALM + "/keys", exchange -> json(exchange, jwks((RSAPublicKey) KEY.getPublic())));
        server.start();
        return Map.of(
                "vigil.access.oidc.enabled", "true",
                ISSUER_PROPERTY, issuer,
                "vigil.access.oidc.client-id", CLIENT_ID,
                "vigil.access.oidc.roles.admin", ADMINS,
                "vigil.access.oidc.roles.viewer", VIEWERS);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * An access token for Vigil from {@code issuer}, signed with the provider's key, for subject {@code user-1}
     * without groups, valid for five minutes from now; the test changes what it needs.
     */
    public static Token token(String issuer) {
        return new Token(issuer, CLIENT_ID, "user-1", null, List.of(), Instant.now().plus(Duration.ofMinutes(5)),
                KEY.getPrivate());
    }

    /**
     * The claims and the signing key of a token to be.
     *
     * @param username {@code preferred_username}, or {@code null} to leave it out
     */
    public record Token(String issuer, String audience, String subject, String username, List<String> groups,
                        Instant expires, PrivateKey key) {

        public Token issuer(String value) {
            return new Token(value, audience, subject, username, groups, expires, key);
        }

        public Token audience(String value) {
            return new Token(issuer, value, subject, username, groups, expires, key);
        }

        public Token subject(String value) {
            return new Token(issuer, audience, value, username, groups, expires, key);
        }

        public Token username(String value) {
            return new Token(issuer, audience, subject, value, groups, expires, key);
        }

        public Token groups(String... values) {
            return new Token(issuer, audience, subject, username, List.of(values), expires, key);
        }

        public Token expires(Instant value) {
            return new Token(issuer, audience, subject, username, groups, value, key);
        }

        /** Signed by a key the provider never published, as a forger would sign it. */
        public Token signedByAnotherKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return new Token(issuer, audience, subject, username, groups, expires,
                        generator.generateKeyPair().getPrivate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The compact JWS: RS256, naming the provider's key id whichever key signs. */
        public String sign() {
            long issuedAt = Instant.now().getEpochSecond() - 5;
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
            String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\""
                    + (username == null ? "" : ",\"preferred_username\":\"" + username + "\"")
                    + ",\"groups\":[" + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(","))
                    + "],\"iat\":" + issuedAt + ",\"exp\":" + expires.getEpochSecond() + "}";
            String signed = base64url(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64url(payload.getBytes(StandardCharsets.UTF_8));
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(signed.getBytes(StandardCharsets.US_ASCII));
                return signed + "." + base64url(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + base64url(unsigned(key.getModulus())) + "\",\"e\":\"" + base64url(unsigned(key.getPublicExponent()))
                + "\"}]}";
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A JWK's numbers are unsigned big-endian: without the sign byte BigInteger may put first. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A 2048-bit RSA key (PKCS#8) for tests only. */
    private static KeyPair fixedKey() {
        String pkcs8 = ""
                + "MIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAQCNcdhsBaerHhxUVD9dSojsWwI7PX278oZ6qW5NALelNE16"
                + "UzfB/Glt2NCJa0/f+pJwveYKs67jBFYZwi8JwTEf/LAGtozRzVVQ4onxodo2zK/FK2tR2RkHITYxfBPeBkWHVWoMWapYBsQn"
                + "z9D1mXLJ6dzXBhSv79jVuJcIgIi5AMq2kFayRfqiciFI25++7P8tqLNkCmcWoAHRhg5FWrsoUrNp2V9hPgEL1gmR7j4HzOrl"
                + "YYCP5tVewRteR8Em8kvbdAB7h0b/CPtYaultLhluukMFCjml+fN+nDqH4AdZ9OyzZb57mXahR0GXmJgg9FtxWyHqT3FVsy2F"
                + "t7/jHkLBAgMBAAECgf9LTJlYVjyjbojK7lfx5JeSYODPOxG0s7EtCZhBHPwU9ue17k5S9zG7kfpOCWVX18RnHB8SJbqrssfa"
                + "XGGJq0+gSgn+GzDcgCpY5RyKqw03Q8CYW2B9n/EgtftIXMWkkbIo7Cs/jHyQqVKfTN6DmAiomdeJxbL0iQRUMIMSle0O2JJz"
                + "+/XNfcRlvSgg+t9+DGthEDxYkOxUYtzXTxIKYCB2iwOtnfkiEtZfHsWkIYKYVE+Nzoq9HMgwgxsDETpgWgMLwDea0QEw4X4T"
                + "Z/bDU+2bLF7G1goozh0U4r0MPt9qW6EUdl/GZyuZymF3vn3kcOE6Uh06n5yXi9EKs9aYboECgYEAwFy9jJFp+b/4qgqj76CM"
                + "QTl8F1ZWKyXTLgY2K2esxagDIpiwv8HgXp/9teZgqm8vxVbzxdS4gbtR+VQLZQMGetScvCGI9kBUQxtGmtG40TKx2AbegZc/"
                + "yz7fdW5bwx2y87IeZNoFP0d0PNWIozz6dqythUh7TaZJ81wKUOK8otkCgYEAvDze5NOIjStRg9XX4sDfkN+tmfFdDbaGbapA"
                + "fQtD6s1osr/fNytaeEKZiHIKm+SWnXT7xYN6XP//N1P5XBypExj/Su3JphB/YJJltVVotqXWjOXmkBUwygE2759zPeUmP9SP"
                + "wU14JI9MWEO0y7Y3PFV5tz0n5MGhWUJ2pf0w3ikCgYEAnodPhxsH1VWKHsiqFf+f1tkDFVCHrwN7KIDh/59vWW1/N/HSKBYl"
                + "TJZZxqDXpV4AZoekWrNWY0P26J2EznhRzMSPbtPMRfT5/FvsMgcIYw9+VWRD11TItD1adzK92O0O35s5RTAQBvhiKQhplO3a"
                + "FBd24VK8m1+hrjd6IPLbNvECgYAwk0SxqCTEyTjv3G8phLwslowl/bMVptRp2FVr70xHe1pZRkpD4lwmTIlyPHugXwy+9UFD"
                + "ZvpcpXMmw/TFYGABHaJDo7k1sWwtb5nvgWrUN1d2ZJ1q8Qz2E/opO+xxPIDyV9gA+gzW4mPBIze0mgEHAMe4EYAJ+C266vvT"
                + "OdMygQKBgG7+N+85QBwgRUtl7OZ8MVQQpxjxSQ9TKgS2FpOHkaS+hEXK8N12JyxqgJpbUFOe5PfgcGfoL8flLnfmJ+Py6Qbu"
                + "scEO1R3uDXIBB4EAYzPzIbqNaBX3SURHhk9jnkMlxphwxN6d+/pvS04fIDuo+H0gaqAEsquc0rnLM70Q4SfR";
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
