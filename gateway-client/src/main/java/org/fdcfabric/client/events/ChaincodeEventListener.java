package org.fdcfabric.client.events;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Network;

/**
 * Listens to one chaincode's events with a {@link FileCheckpointer}: after each delivered event the checkpoint
 * file records its block and transaction, and a later start (even in a new process) resumes right after it, so
 * nothing is lost and nothing is delivered twice.
 */
public final class ChaincodeEventListener {
    static final Duration MAX_RECONNECT_BACKOFF = Duration.ofSeconds(5);
    static final int MAX_CONSECUTIVE_FAILURES = 5;

    private final Network network;
    private final String chaincode;
    private final String endpoint;

    public ChaincodeEventListener(Network network, String chaincode, String endpoint) {
        this.network = Objects.requireNonNull(network);
        this.chaincode = Objects.requireNonNull(chaincode);
        this.endpoint = Objects.requireNonNull(endpoint);
    }

    /**
     * Starts delivering events on a background thread.
     *
     * @param checkpointFile where progress is kept; created when absent
     * @param firstBlock where a new checkpoint (one with no progress yet) starts reading; ignored on resume
     * @throws IOException when the checkpoint file cannot be opened or read
     */
    public EventSubscription subscribe(Path checkpointFile, long firstBlock, EventHandler handler) throws IOException {
        if (firstBlock < 0) {
            throw new IllegalArgumentException("firstBlock must be >= 0, was " + firstBlock);
        }
        FileCheckpointer checkpointer = new FileCheckpointer(checkpointFile);
        EventSubscription subscription =
                new EventSubscription(network, chaincode, endpoint, checkpointer, firstBlock, handler);
        subscription.start();
        return subscription;
    }
}
