package org.fdcfabric.devnet.orderer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.common.Envelope;
import org.junit.jupiter.api.Test;

class BlockCutterTest {
    private static Envelope sized(int bytes) {
        return Envelope.newBuilder()
                .setPayload(ByteString.copyFrom(new byte[bytes]))
                .build();
    }

    @Test
    void aMessageLargerThanPreferredGoesAloneAfterThePendingBatch() {
        BlockCutter cutter = new BlockCutter(new BatchConfig(10, 1000, 100, Duration.ofSeconds(1)));
        Envelope small = sized(10);
        Envelope large = sized(150);
        assertThat(cutter.ordered(small)).isEmpty();
        assertThat(cutter.ordered(large)).containsExactly(List.of(small), List.of(large));
        assertThat(cutter.hasPending()).isFalse();
    }

    @Test
    void overflowCutsThePendingBatchAndKeepsTheNewMessagePending() {
        BlockCutter cutter = new BlockCutter(new BatchConfig(10, 1000, 100, Duration.ofSeconds(1)));
        Envelope a = sized(60);
        Envelope b = sized(60);
        assertThat(cutter.ordered(a)).isEmpty();
        assertThat(cutter.ordered(b)).containsExactly(List.of(a));
        assertThat(cutter.cut()).containsExactly(b);
    }

    @Test
    void reachingMaxMessageCountCuts() {
        BlockCutter cutter = new BlockCutter(new BatchConfig(2, 1000, 100, Duration.ofSeconds(1)));
        Envelope a = sized(1);
        Envelope b = sized(1);
        assertThat(cutter.ordered(a)).isEmpty();
        assertThat(cutter.ordered(b)).containsExactly(List.of(a, b));
        assertThat(cutter.hasPending()).isFalse();
    }
}
