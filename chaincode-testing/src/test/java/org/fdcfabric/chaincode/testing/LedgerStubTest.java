package org.fdcfabric.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stub behaviour a contract test does not easily reach: raw argument access, transient data, binding, metadata. */
class LedgerStubTest {
    private static TestIdentities ids;

    @BeforeAll
    static void consortium() {
        ids = TestIdentities.create();
    }

    /** A chaincode that runs {@code body} on its stub and answers 200. */
    private record Probe(Consumer<ChaincodeStub> body) implements Chaincode {
        @Override
        public Response init(ChaincodeStub stub) {
            return invoke(stub);
        }

        @Override
        public Response invoke(ChaincodeStub stub) {
            body.accept(stub);
            return new Response(200, "", new byte[0]);
        }
    }

    private static InMemoryLedger ledger(Consumer<ChaincodeStub> body) {
        return InMemoryLedger.builder().deploy("ch", "cc", new Probe(body)).build();
    }

    @Test
    void argumentsFunctionAndParameters() {
        ledger(stub -> {
                    assertThat(stub.getFunction()).isEqualTo("c:F");
                    assertThat(stub.getParameters()).containsExactly("a", "b");
                    assertThat(stub.getArgs()).hasSize(3);
                    assertThat(stub.getStringArgs()).containsExactly("c:F", "a", "b");
                })
                .as(ids.dataUser())
                .submit("c:F", "a", "b");
    }

    @Test
    void transientDataReachesTheChaincodeAndTheProposal() throws Exception {
        byte[][] seen = new byte[1][];
        ChaincodeStub[] kept = new ChaincodeStub[1];
        ledger(stub -> {
                    seen[0] = stub.getTransient().get("secret");
                    kept[0] = stub;
                })
                .as(ids.dataUser())
                .withTransient("secret", "s3cr3t".getBytes(StandardCharsets.UTF_8))
                .submit("c:F");
        assertThat(new String(seen[0], StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
        Proposal proposal = Proposal.parseFrom(kept[0].getSignedProposal().getProposalBytes());
        assertThat(ChaincodeProposalPayload.parseFrom(proposal.getPayload()).getTransientMapMap())
                .containsKey("secret");
    }

    @Test
    void bindingIsTheShimsHashOfNonceCreatorAndEpoch() throws Exception {
        ChaincodeStub[] kept = new ChaincodeStub[1];
        ledger(stub -> kept[0] = stub).as(ids.compute()).submit("c:F");
        SignatureHeader header = SignatureHeader.parseFrom(
                Header.parseFrom(Proposal.parseFrom(kept[0].getSignedProposal().getProposalBytes())
                                .getHeader())
                        .getSignatureHeader());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(header.getNonce().toByteArray());
        sha.update(header.getCreator().toByteArray());
        sha.update(
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0).array());
        assertThat(kept[0].getBinding()).isEqualTo(sha.digest());
    }

    @Test
    void peerMspIdIsConfigurableAndUnsetLikeABadPeer() {
        ledger(stub -> assertThat(stub.getMspId()).isEqualTo("Org1MSP"))
                .as(ids.auditor())
                .submit("c:F");
        InMemoryLedger unset = InMemoryLedger.builder()
                .deploy("ch", "cc", new Probe(ChaincodeStub::getMspId))
                .peerMspId(null)
                .build();
        assertThatThrownBy(() -> unset.as(ids.auditor()).submit("c:F"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CORE_PEER_LOCALMSPID");
    }

    @Test
    void keyLevelValidationParametersCommitWithTheTransaction() {
        InMemoryLedger ledger = ledger(stub -> {
            if (stub.getParameters().isEmpty()) {
                stub.setStateValidationParameter("k", new byte[] {1, 2});
            } else {
                assertThat(stub.getStateValidationParameter("k")).containsExactly(1, 2);
            }
        });
        ledger.as(ids.auditor()).submit("c:Set");
        ledger.as(ids.auditor()).evaluate("c:Get", "check");
    }

    @Test
    void badKeysAreRefusedAsTheShimAndPeerDo() {
        for (Consumer<ChaincodeStub> misuse : List.<Consumer<ChaincodeStub>>of(
                stub -> stub.putState("", new byte[] {1}),
                stub -> stub.putState(null, new byte[] {1}),
                stub -> stub.putState("bad\uD800", new byte[] {1}),
                stub -> stub.getStateByRange("\u0000composite", ""),
                stub -> stub.getQueryResult("{\"selector\":{}}"),
                stub -> stub.getPrivateData("collection", "k"),
                stub -> stub.setEvent(" ", new byte[0]))) {
            InMemoryLedger ledger = ledger(misuse);
            assertThatThrownBy(() -> ledger.as(ids.auditor()).submit("c:F")).isInstanceOf(RuntimeException.class);
            assertThat(ledger.snapshot().size()).isZero();
        }
    }

    @Test
    void emptyValueIsADelete() {
        InMemoryLedger ledger =
                ledger(stub -> stub.putState("k", stub.getParameters().isEmpty() ? new byte[] {7} : new byte[0]));
        ledger.as(ids.auditor()).submit("c:Put");
        assertThat(ledger.state("cc").bytes("k")).isPresent();
        ledger.as(ids.auditor()).submit("c:Put", "empty");
        assertThat(ledger.state("cc").bytes("k")).isEmpty();
        assertThat(ledger.state("cc").history("k"))
                .extracting(KeyHistoryEntry::deleted)
                .containsExactly(true, false);
    }
}
