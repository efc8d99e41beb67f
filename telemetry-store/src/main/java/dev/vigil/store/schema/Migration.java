package dev.vigil.store.schema;

/** One numbered schema file; the checksum is of the file as written, before placeholders are filled. */
public record Migration(int version, String name, String file, String text, String checksum) {
}
