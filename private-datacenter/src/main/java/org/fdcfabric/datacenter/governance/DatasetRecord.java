package org.fdcfabric.datacenter.governance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * One governed example as it is committed to by the Merkle root: the subject's pseudonym, the window's first
 * second, the class label and the standardized features as fixed-point decimals. Its canonical JSON is the
 * Merkle leaf.
 */
public record DatasetRecord(String subject, long start, String label, List<BigDecimal> features) {
    public DatasetRecord {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(label, "label");
        features = List.copyOf(features);
    }

    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(this);
    }

    public static DatasetRecord fromCanonical(byte[] canonical) {
        return CanonicalJson.read(canonical, DatasetRecord.class);
    }
}
