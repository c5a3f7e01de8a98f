package org.fdcfabric.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {
    static List<byte[]> records(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("{\"record\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** RFC 6962 section 2.1 written recursively, independently of the level-wise builder. */
    static byte[] rfc6962(List<byte[]> d) {
        if (d.size() == 1) {
            return Hashes.sha256(concat(new byte[] {0}, d.get(0)));
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return Hashes.sha256(concat(new byte[] {1}, concat(rfc6962(d.subList(0, k)), rfc6962(d.subList(k, d.size())))));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Nested
    class Root {
        @Test
        void matchesRfc6962ForEverySizeUpTo70() {
            for (int n = 1; n <= 70; n++) {
                List<byte[]> recs = records(n);
                assertThat(MerkleTree.of(recs).root()).as("n=%d", n).isEqualTo(rfc6962(recs));
            }
        }

        @Test
        void singleLeafRootIsTheLeafHash() {
            byte[] r = "x".getBytes(StandardCharsets.UTF_8);
            assertThat(MerkleTree.of(List.of(r)).rootHex()).isEqualTo(Hashes.sha256Hex(concat(new byte[] {0}, r)));
        }

        @Test
        void emptyDatasetIsRefused() {
            assertThatThrownBy(() -> MerkleTree.of(List.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("EMPTY_DATASET");
        }

        @Test
        void aNodeCannotPoseAsALeaf() {
            // Without domain separation, the concatenation of two leaf hashes would be a valid one-leaf tree.
            List<byte[]> two = records(2);
            MerkleTree tree = MerkleTree.of(two);
            byte[] forged = concat(
                    MerkleTree.of(List.of(two.get(0))).root(),
                    MerkleTree.of(List.of(two.get(1))).root());
            assertThat(MerkleTree.of(List.of(forged)).root()).isNotEqualTo(tree.root());
        }
    }

    @Nested
    class Proofs {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 33})
        void everyLeafProvesAndNoOtherRecordDoes(int n) {
            List<byte[]> recs = records(n);
            MerkleTree tree = MerkleTree.of(recs);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = tree.proof(i);
                assertThat(proof.verifies(recs.get(i), tree.rootHex()))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
                if (n > 1) {
                    assertThat(proof.verifies(recs.get((i + 1) % n), tree.rootHex()))
                            .isFalse();
                }
            }
        }

        @Test
        void tamperedProofsFail() {
            List<byte[]> recs = records(11);
            MerkleTree tree = MerkleTree.of(recs);
            MerkleProof proof = tree.proof(6);
            String root = tree.rootHex();
            assertThat(new MerkleProof(7, 11, proof.siblings()).verifies(recs.get(6), root))
                    .isFalse();
            // A size that changes the path's shape must fail (the verifier takes the size from the UCL, not the
            // prover).
            assertThat(new MerkleProof(6, 7, proof.siblings()).verifies(recs.get(6), root))
                    .isFalse();
            List<String> flipped = new ArrayList<>(proof.siblings());
            flipped.set(
                    1,
                    flipped.get(1)
                            .replace(flipped.get(1).charAt(0), flipped.get(1).charAt(0) == 'a' ? 'b' : 'a'));
            assertThat(new MerkleProof(6, 11, flipped).verifies(recs.get(6), root))
                    .isFalse();
            List<String> extra = new ArrayList<>(proof.siblings());
            extra.add(proof.siblings().get(0));
            assertThat(new MerkleProof(6, 11, extra).verifies(recs.get(6), root))
                    .isFalse();
            assertThat(new MerkleProof(6, 11, proof.siblings().subList(0, 2)).verifies(recs.get(6), root))
                    .isFalse();
            assertThat(proof.verifies(recs.get(6), "not-hex")).isFalse();
            assertThat(new MerkleProof(6, 11, List.of("zz")).verifies(recs.get(6), root))
                    .isFalse();
        }

        @Test
        void indexOutsideTheTreeIsRefused() {
            MerkleTree tree = MerkleTree.of(records(3));
            assertThatThrownBy(() -> tree.proof(3)).hasMessageStartingWith("INVALID_RECORD_INDEX");
            assertThatThrownBy(() -> tree.proof(-1)).hasMessageStartingWith("INVALID_RECORD_INDEX");
        }
    }
}
