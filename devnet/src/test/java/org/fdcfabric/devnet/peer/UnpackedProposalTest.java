package org.fdcfabric.devnet.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.fdcfabric.devnet.testcc.Proposals;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.NodeOu;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UnpackedProposalTest {
    private final IssuedIdentity alice = CertificateAuthority.create(
                    "ca", "org", Clock.systemUTC(), Duration.ofDays(1), new SecureRandom())
            .issue("Org1MSP", "alice", NodeOu.CLIENT, Map.of());

    @Nested
    class Unpack {
        @Test
        void hashesHeadersAndTheTransientFreePayloadAsFabricDoes() throws Exception {
            SignedProposal signed = withTransient(
                    Proposals.build(alice, "ch", "kv", "put", "k", "v").signed());
            UnpackedProposal unpacked = UnpackedProposal.unpack(signed);

            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChaincodeProposalPayload original = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            assertThat(original.getTransientMapMap()).containsKey("secret");
            byte[] withoutTransient = ChaincodeProposalPayload.newBuilder()
                    .setInput(original.getInput())
                    .build()
                    .toByteArray();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(header.getChannelHeader().toByteArray());
            sha.update(header.getSignatureHeader().toByteArray());
            sha.update(withoutTransient);

            assertThat(unpacked.proposalHash()).isEqualTo(sha.digest());
            assertThat(unpacked.transientFreePayload().toByteArray()).isEqualTo(withoutTransient);
            assertThat(unpacked.chaincodeName()).isEqualTo("kv");
            assertThat(unpacked.channelId()).isEqualTo("ch");
            assertThat(unpacked.header().getChannelHeader()).isEqualTo(header.getChannelHeader());
        }

        @Test
        void txIdIsTheHashOfNonceAndCreator() throws Exception {
            Proposals.Built built = Proposals.build(alice, "ch", "kv", "get", "k");
            UnpackedProposal unpacked = UnpackedProposal.unpack(built.signed());
            assertThat(Peer.txId(
                            unpacked.signatureHeader().getNonce(),
                            unpacked.signatureHeader().getCreator()))
                    .isEqualTo(built.txId())
                    .isEqualTo(unpacked.txId());
        }

        @Test
        void rejectsMalformedProposalsWithAReason() {
            SignedProposal garbage = SignedProposal.newBuilder()
                    .setProposalBytes(ByteString.copyFromUtf8("not a proposal"))
                    .build();
            assertThatThrownBy(() -> UnpackedProposal.unpack(garbage)).isInstanceOf(IllegalArgumentException.class);
            SignedProposal noChaincode = SignedProposal.newBuilder()
                    .setProposalBytes(Proposal.newBuilder()
                            .setHeader(Header.getDefaultInstance().toByteString())
                            .build()
                            .toByteString())
                    .build();
            assertThatThrownBy(() -> UnpackedProposal.unpack(noChaincode)).hasMessageContaining("ChaincodeId is nil");
        }
    }

    private SignedProposal withTransient(SignedProposal signed) throws Exception {
        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload()).toBuilder()
                .putTransientMap("secret", ByteString.copyFromUtf8("hidden"))
                .build();
        byte[] bytes =
                proposal.toBuilder().setPayload(payload.toByteString()).build().toByteArray();
        return SignedProposal.newBuilder()
                .setProposalBytes(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(alice.sign(bytes)))
                .build();
    }
}
