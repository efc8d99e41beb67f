package dev.vigil.devstack.clickhouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChdbLibraryTest {

    @TempDir
    Path directory;

    @Test
    void extractsTheLibraryFromThePackageTarball() throws IOException {
        Path tarball = directory.resolve("package.tgz");
        byte[] library = "not really an ELF file, but bytes all the same".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tarball))) {
            writeEntry(out, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
            writeEntry(out, "package/libchdb.so", library);
            out.write(new byte[1024]);
        }
        Path extracted = directory.resolve("libchdb.so");
        ChdbLibrary.extractLibrary(tarball, extracted);
        assertThat(extracted).hasBinaryContent(library);
    }

    @Test
    void refusesAPackageWhoseChecksumDiffers() throws IOException {
        Path tarball = Files.writeString(directory.resolve("tampered.tgz"), "tampered");
        assertThatThrownBy(() -> ChdbLibrary.verifyChecksum(tarball))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Checksum mismatch")
                .hasMessageContaining(ChdbLibrary.TARBALL_SHA256);
    }

    @Test
    void namesTheOverrideWhenItPointsNowhere() {
        Path missing = directory.resolve("missing/libchdb.so");
        System.setProperty(ChdbLibrary.PROPERTY_OVERRIDE, missing.toString());
        try {
            assertThatThrownBy(ChdbLibrary::locate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(ChdbLibrary.PROPERTY_OVERRIDE)
                    .hasMessageContaining(missing.toString());
        } finally {
            System.clearProperty(ChdbLibrary.PROPERTY_OVERRIDE);
        }
    }

    /** One ustar entry: header, content, padding to 512 bytes. */
    private static void writeEntry(OutputStream out, String name, byte[] content) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
