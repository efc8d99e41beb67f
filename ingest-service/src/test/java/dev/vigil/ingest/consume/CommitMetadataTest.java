package dev.vigil.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitMetadataTest {

    @Test
    void readsBackThePendingLastOffset() {
        assertThat(CommitMetadata.pendingLastOffset(CommitMetadata.pending(4711))).hasValue(4711);
    }

    @Test
    void findsNoMarkerInOtherMetadata() {
        assertThat(CommitMetadata.pendingLastOffset(null)).isEmpty();
        assertThat(CommitMetadata.pendingLastOffset("")).isEmpty();
        assertThat(CommitMetadata.pendingLastOffset("written by another tool")).isEmpty();
        assertThat(CommitMetadata.pendingLastOffset("vigil-pending-last-offset=12x")).isEmpty();
    }
}
