package dev.vigil.alert.secret;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final String WEBHOOK = "https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX";

    @Test
    void sealsWithAKeyIdPrefixAndOpensAgain() {
        SecretBox box = SecretBox.of(config(newKey(), List.of()));

        String sealed = box.seal(WEBHOOK);

        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("hooks.slack.com").doesNotContain("XXXXXXXX");
        assertThat(sealed).matches("vigil:aes256gcm:[0-9a-f]{8}:[A-Za-z0-9+/=]+");
        assertThat(box.open(sealed)).isEqualTo(WEBHOOK);
        assertThat(box.seal(WEBHOOK)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.isSealedWithCurrentKey(sealed)).isTrue();
        assertThat(SecretBox.isSealed(WEBHOOK)).isFalse();
    }

    @Test
    void aPreviousKeyStillOpensWhatItSealedAndTheCurrentKeyTakesOver() {
        String oldKey = newKey();
        String sealedBefore = SecretBox.of(config(oldKey, List.of())).seal("routing-key-1");
        SecretBox rotated = SecretBox.of(config(newKey(), List.of(oldKey)));

        assertThat(rotated.open(sealedBefore)).isEqualTo("routing-key-1");
        assertThat(rotated.isSealedWithCurrentKey(sealedBefore)).isFalse();
        assertThat(rotated.isSealedWithCurrentKey(rotated.seal("routing-key-1"))).isTrue();
        assertThatThrownBy(() -> SecretBox.of(config(newKey(), List.of())).open(sealedBefore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vigil.alert.secrets.previous-keys")
                .hasMessageNotContaining("routing-key-1");
    }

    @Test
    void anAlteredSecretDoesNotOpen() {
        SecretBox box = SecretBox.of(config(newKey(), List.of()));
        String sealed = box.seal("routing-key-2");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the encrypted secret was altered or is not whole");
        assertThatThrownBy(() -> box.open("routing-key-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the secret is not encrypted");
    }

    @Test
    void aMissingOrMalformedKeyStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> SecretBox.of(new Config(Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("vigil.alert.secrets.key is not set");
        assertThatThrownBy(() -> SecretBox.of(config("not base64!", List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("vigil.alert.secrets.key is not base64");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretBox.of(config(short16, List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("vigil.alert.secrets.key holds 16 bytes");
        assertThatThrownBy(() -> SecretBox.of(config(newKey(), List.of(short16))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("vigil.alert.secrets.previous-keys holds 16 bytes");
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static SecretsConfig config(String key, List<String> previous) {
        return new Config(Optional.of(key), Optional.of(previous));
    }

    private record Config(Optional<String> key, Optional<List<String>> previousKeys) implements SecretsConfig {
    }
}
