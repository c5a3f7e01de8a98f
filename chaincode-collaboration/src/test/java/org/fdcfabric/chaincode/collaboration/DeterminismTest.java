package org.fdcfabric.chaincode.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.collaboration.Consortium.ok;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxEvent;
import org.fdcfabric.chaincode.testing.TxResult;
import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Endorsing peers must agree byte for byte: the same transactions with the same ids and timestamps give the same
 * responses, events and state on two independent ledgers.
 */
@ExtendWith(SharedRouter.class)
class DeterminismTest {
    static ContractRouter router;
    static TestIdentities ids;

    @BeforeAll
    static void setUp(ContractRouter shared) {
        router = shared;
        ids = TestIdentities.create();
    }

    private List<String> fullCollaboration(Consortium net) {
        List<String> outputs = new ArrayList<>();
        net.openJobWithTwoProviders("job-1", 10_000, 3, 2_000, 77, 2);
        List<TxResult> results = List.of(
                ok(net.submit(ids.compute(), "job:StartJob", "job-1")),
                ok(net.recordAs(
                        ids.compute(), "job-1", Consortium.round(1, Map.of("ds-1", 333L, "ds-2", 222L), List.of()))),
                ok(net.recordAs(ids.compute(), "job-1", Consortium.round(2, Map.of("ds-1", 111L), List.of("ds-2")))),
                ok(net.submit(ids.dataUser(), "job:CompleteJob", "job-1")));
        for (TxResult r : results) {
            outputs.add(r.txId() + " " + r.payloadText() + " "
                    + r.event().map(TxEvent::payloadText).orElse(""));
        }
        return outputs;
    }

    @Test
    void twoLedgersGivenTheSameTransactionsAgreeByteForByte() {
        Consortium first = new Consortium(router, ids);
        Consortium second = new Consortium(router, ids);

        assertThat(fullCollaboration(second)).isEqualTo(fullCollaboration(first));
        assertThat(second.ledger.snapshot()).isEqualTo(first.ledger.snapshot());
    }
}
