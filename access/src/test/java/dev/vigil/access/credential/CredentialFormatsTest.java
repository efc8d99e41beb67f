package dev.vigil.access.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialFormatsTest {

    @Test
    void aGeneratedKeyParsesBackToItself() {
        ApiKey key = ApiKey.generate();
        assertThat(key.text()).startsWith("vgk_").hasSize(4 + 12 + 1 + 43);
        assertThat(ApiKey.parse(key.text())).contains(key);
    }

    @Test
    void keysAreNeverTheSame() {
        assertThat(ApiKey.generate().text()).isNotEqualTo(ApiKey.generate().text());
    }

    @Test
    void textThatIsNotShapedLikeAKeyIsNoKey() {
        assertThat(ApiKey.parse("vgk_short_secret")).isEmpty();
        assertThat(ApiKey.parse("Bearer vgk_abcdefghijkl_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKey.parse("vgk_ABCDEFGHIJKL_" + "a".repeat(43))).isEmpty();
    }

    @Test
    void aKeyPrintsWithoutItsSecret() {
        ApiKey key = ApiKey.generate();
        assertThat(key.toString()).doesNotContain(key.secret());
    }

    @Test
    void anIngestTokenParsesBackToItselfAndIsNeverAnApiKey() {
        IngestToken token = IngestToken.generate();
        assertThat(token.text()).startsWith("vgi_").hasSize(4 + 12 + 1 + 43);
        assertThat(IngestToken.parse(token.text())).contains(token);
        assertThat(ApiKey.parse(token.text())).isEmpty();
        assertThat(IngestToken.parse(ApiKey.generate().text())).isEmpty();
        assertThat(token.toString()).doesNotContain(token.secret());
    }

    @Test
    void aPasswordVerifiesAgainstItsHashAndNoOtherDoes() {
        String stored = PasswordHash.hash("correct horse", 10_000);
        assertThat(stored).startsWith("pbkdf2-sha256$10000$").doesNotContain("correct horse");
        assertThat(PasswordHash.verify("correct horse", stored)).isTrue();
        assertThat(PasswordHash.verify("correct hors", stored)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHash.hash("pw-123456", 10_000)).isNotEqualTo(PasswordHash.hash("pw-123456", 10_000));
    }

    @Test
    void aHashMadeWithOtherIterationsStillVerifies() {
        String older = PasswordHash.hash("pw-123456", 12_000);
        assertThat(PasswordHash.verify("pw-123456", older)).isTrue();
    }

    @Test
    void sha256IsTheStandardOne() {
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
