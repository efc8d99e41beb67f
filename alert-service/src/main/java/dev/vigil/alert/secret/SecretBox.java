package dev.vigil.alert.secret;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts and decrypts channel secrets with AES-256-GCM. A sealed secret reads
 * {@code vigil:aes256gcm:<key id>:<base64 of 12-byte nonce, ciphertext and tag>}; the key id (the first 8 hex digits
 * of the key's SHA-256) says which key opens it, so keys can rotate: the current key seals, it and the previous keys
 * open. The prefix also tells a sealed value from a plaintext one written before encryption existed.
 */
public final class SecretBox {

    public static final String PREFIX = "vigil:aes256gcm:";
    static final String KEY_SETTING = "vigil.alert.secrets.key";
    static final String PREVIOUS_SETTING = "vigil.alert.secrets.previous-keys";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Binds a ciphertext to what it is, so it cannot be passed off as another kind of value. */
    private static final byte[] ASSOCIATED = "vigil channel secret".getBytes(StandardCharsets.UTF_8);

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(String currentId, Map<String, SecretKeySpec> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** Fails with a message naming the setting when a key is missing or not 32 bytes of base64. */
    public static SecretBox of(SecretsConfig config) {
        String current = config.key().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                KEY_SETTING + " is not set: channel secrets are encrypted with it. Set it (environment variable"
                        + " VIGIL_ALERT_SECRETS_KEY) to 32 random bytes, base64, e.g. the output of `openssl rand -base64 32`"));
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        SecretKeySpec currentKey = key(KEY_SETTING, current);
        keys.put(id(currentKey), currentKey);
        for (String previous : config.previousKeys().orElse(List.of())) {
            SecretKeySpec key = key(PREVIOUS_SETTING, previous);
            keys.putIfAbsent(id(key), key);
        }
        return new SecretBox(id(currentKey), keys);
    }

    /** The id of the key new secrets are sealed with; not secret, it names the key in logs and in sealed values. */
    public String currentKeyId() {
        return currentId;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether {@code stored} is sealed with the current key: nothing to do for it at start. */
    public boolean isSealedWithCurrentKey(String stored) {
        return isSealed(stored) && stored.startsWith(PREFIX + currentId + ":");
    }

    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The secret inside {@code stored}. Fails with {@link IllegalArgumentException} (whose message holds no part of
     * the secret) when it is not sealed, sealed with a key this service does not have, or altered.
     */
    public String open(String stored) {
        if (!isSealed(stored)) {
            throw new IllegalArgumentException("the secret is not encrypted");
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the encrypted secret has no key id");
        }
        String id = rest.substring(0, colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("the secret is encrypted with key " + id + ", which neither " + KEY_SETTING
                    + " nor " + PREVIOUS_SETTING + " holds");
        }
        try {
            byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted secret was altered or is not whole");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static SecretKeySpec key(String setting, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64: it must be 32 random bytes, base64"
                    + " (`openssl rand -base64 32`)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " holds " + bytes.length + " bytes; AES-256 needs 32 (base64 of 32"
                    + " random bytes, `openssl rand -base64 32`)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String id(SecretKeySpec key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
