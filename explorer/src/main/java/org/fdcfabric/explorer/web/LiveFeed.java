package org.fdcfabric.explorer.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.fdcfabric.explorer.chain.BlockRow;
import org.fdcfabric.explorer.chain.TxRow;

/**
 * New blocks for the pages' server-sent event streams: each block becomes one {@code block} event whose data is
 * JSON (channel, number, and per transaction its id, validation code, chaincode and function), queued for every
 * open stream. A stream whose queue is full (a client that stopped reading) is dropped.
 */
final class LiveFeed {
    static final int QUEUE_CAPACITY = 1000;

    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    BlockingQueue<String> open() {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        streams.add(queue);
        return queue;
    }

    void close(BlockingQueue<String> queue) {
        streams.remove(queue);
    }

    int openStreams() {
        return streams.size();
    }

    void publish(BlockRow block) {
        ObjectNode event = json.createObjectNode();
        event.put("channel", block.channel());
        event.put("number", block.number());
        ArrayNode txs = event.putArray("transactions");
        for (TxRow tx : block.transactions()) {
            txs.addObject()
                    .put("txId", tx.txId())
                    .put("validationCode", tx.validationCode())
                    .put("chaincode", tx.chaincode())
                    .put("function", tx.function());
        }
        String data = event.toString();
        for (BlockingQueue<String> queue : streams) {
            if (!queue.offer(data)) {
                streams.remove(queue);
            }
        }
    }
}
