package org.fdcfabric.chaincode.testing;

import java.util.Comparator;
import java.util.Objects;

/** One chaincode's state on one channel: Fabric keeps a separate key space per (channel, chaincode name). */
public record NamespaceId(String channel, String chaincode) implements Comparable<NamespaceId> {
    private static final Comparator<NamespaceId> ORDER =
            Comparator.comparing(NamespaceId::channel).thenComparing(NamespaceId::chaincode);

    public NamespaceId {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        if (channel.isBlank() || chaincode.isBlank()) {
            throw new IllegalArgumentException("channel and chaincode names must not be blank");
        }
    }

    @Override
    public int compareTo(NamespaceId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return chaincode + "@" + channel;
    }
}
