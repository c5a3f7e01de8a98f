package org.fdcfabric.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleRootBuilderTest {
    @Test
    void streamsTheSameRootAsTheWholeTreeForEveryShape() {
        List<byte[]> records = new ArrayList<>();
        MerkleRootBuilder builder = new MerkleRootBuilder();
        for (int n = 1; n <= 130; n++) {
            byte[] record = ("{\"row\":" + n + "}").getBytes(StandardCharsets.UTF_8);
            records.add(record);
            builder.add(record);
            assertThat(builder.leafCount()).isEqualTo(n);
            assertThat(builder.rootHex())
                    .as("%d records", n)
                    .isEqualTo(MerkleTree.of(records).rootHex());
        }
    }

    @Test
    void refusesAnEmptyTree() {
        assertThatThrownBy(() -> new MerkleRootBuilder().rootHex()).hasMessageContaining("EMPTY_DATASET");
    }
}
