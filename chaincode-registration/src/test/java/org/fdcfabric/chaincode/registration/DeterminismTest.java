package org.fdcfabric.chaincode.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.draft;
import static org.fdcfabric.chaincode.registration.RegistrationLedger.json;

import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.NamespaceId;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TestIdentities;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.junit.jupiter.api.Test;

/** The same transactions give byte-identical state, results and events: what endorsement by several peers needs. */
class DeterminismTest {
    private final TestIdentities ids = TestIdentities.create();

    private List<String> scenario(InMemoryLedger ledger) {
        List<String> outputs = new ArrayList<>();
        var org1 = ledger.as(ids.provider(TestIdentities.ORG1));
        var org2 = ledger.as(ids.provider(TestIdentities.ORG2));
        var auditor = ledger.as(ids.auditor());
        List<TxResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(org1.submit("registration:RegisterDataset", json(draft("org1.ds-" + i))));
            results.add(org2.submit("registration:RegisterDataset", json(draft("org2.ds-" + i))));
        }
        UclDraft d = draft("org1.ds-3");
        results.add(org1.submit(
                "registration:UpdateDataset",
                json(new UclDraft(
                        d.id(), "v2", d.profile(), d.schema(), 99, d.merkleRoot(), 99, d.address(), d.terms()))));
        results.add(org2.submit("registration:RetireDataset", "org2.ds-1"));
        results.add(org2.submit("registration:RetireDataset", "org1.ds-1"));
        results.add(auditor.evaluate("registration:ListDatasets", "", "4", "org1.ds-2"));
        results.add(auditor.evaluate("registration:GetTrail", "dataset:org1.ds-3", "10", ""));
        results.add(auditor.evaluate("registration:VerifyTrail", "dataset:org2.ds-1"));
        for (TxResult r : results) {
            outputs.add(r.status() + " " + r.message() + " " + r.payloadText() + " " + r.txId() + " "
                    + r.event().map(e -> e.name() + e.payloadText()).orElse("-"));
        }
        return outputs;
    }

    @Test
    void sameTransactionsGiveByteIdenticalStateResultsAndEvents() {
        InMemoryLedger first = RegistrationLedger.create();
        InMemoryLedger second = RegistrationLedger.create();

        List<String> firstOutputs = scenario(first);
        List<String> secondOutputs = scenario(second);

        assertThat(secondOutputs).isEqualTo(firstOutputs);
        StateSnapshot snapshot = first.snapshot();
        assertThat(second.snapshot()).isEqualTo(snapshot);
        assertThat(snapshot.size()).isGreaterThan(40);
    }

    @Test
    void everyStoredValueIsCanonicalJson() {
        InMemoryLedger ledger = RegistrationLedger.create();
        scenario(ledger);
        ledger.snapshot()
                .of(new NamespaceId(RegistrationLedger.CHANNEL, RegistrationLedger.CHAINCODE))
                .forEach((key, value) -> assertThat(CanonicalJson.canonicalize(value))
                        .as(key.replace('\u0000', '~'))
                        .isEqualTo(value));
    }
}
