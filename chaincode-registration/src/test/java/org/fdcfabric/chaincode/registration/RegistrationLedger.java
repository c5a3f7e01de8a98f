package org.fdcfabric.chaincode.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fdcfabric.chaincode.testing.ContractRouters;
import org.fdcfabric.chaincode.testing.InMemoryLedger;
import org.fdcfabric.chaincode.testing.StateSnapshot;
import org.fdcfabric.chaincode.testing.TxResult;
import org.fdcfabric.protocol.Hashes;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.hyperledger.fabric.contract.ContractRouter;

/** Shared fixtures: the real contract router, a fresh ledger with the registration chaincode, and UCL drafts. */
final class RegistrationLedger {
    static final String CHANNEL = "registration";
    static final String CHAINCODE = "registration";

    /** Scanning the classpath takes a second; the router keeps no per-transaction state, so tests share it. */
    private static final ContractRouter ROUTER = ContractRouters.scanClasspath("registration:1.0");

    private RegistrationLedger() {}

    static InMemoryLedger create() {
        return InMemoryLedger.builder().deploy(CHANNEL, CHAINCODE, ROUTER).build();
    }

    /** The FDC case study's shape: 180 acceleration features (60 s x 3 axes), four activity classes. */
    static UclDraft draft(String id) {
        List<FeatureSpec> features = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            features.add(new FeatureSpec(String.format("acc_%03d", i), FeatureType.NUMERIC));
        }
        UclSchema schema = new UclSchema(
                features,
                new LabelSpec("activity", List.of("eating", "sleeping", "indoor", "outdoor")),
                Task.CLASSIFICATION);
        return new UclDraft(
                id,
                "Wearables " + id,
                "Children's tri-axial acceleration in 60 s windows\ncollected at school",
                schema,
                1200,
                Hashes.sha256Hex(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                1200,
                "grpcs://dc." + id + ".example.org:7443",
                new Terms(3));
    }

    static String json(UclDraft draft) {
        return CanonicalJson.write(draft);
    }

    /** The draft's JSON after {@code edit} changed its tree: how bad inputs are made. */
    static String edited(UclDraft draft, Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) CanonicalJson.tree(json(draft));
        edit.accept(tree);
        return tree.toString();
    }

    static JsonNode tree(TxResult result) {
        assertThat(result.isSuccess()).as("%s", result).isTrue();
        return CanonicalJson.tree(result.payloadText());
    }

    /** Asserts a refused transaction: exact code in message and payload, and no change to any state. */
    static void assertRefused(InMemoryLedger ledger, StateSnapshot before, TxResult result, String code) {
        assertThat(result.status()).as("%s", result).isEqualTo(500);
        assertThat(result.errorCode()).as("%s", result).isEqualTo(code);
        assertThat(result.payloadText()).isEqualTo(code);
        assertThat(result.committed()).isFalse();
        assertThat(result.event()).isEmpty();
        assertThat(ledger.snapshot()).isEqualTo(before);
    }
}
