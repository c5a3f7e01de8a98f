package org.fdcfabric.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fdcfabric.msp.CaAttributes;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.protocol.Role;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestIdentitiesTest {
    private static TestIdentities ids;

    @BeforeAll
    static void consortium() {
        ids = TestIdentities.create();
    }

    /** Reads an identity the way chaincode does: the shim's ClientIdentity over the ledger's creator bytes. */
    private static ClientIdentity asChaincodeSeesIt(IssuedIdentity identity) {
        ClientIdentity[] seen = new ClientIdentity[1];
        Chaincode reader = new Chaincode() {
            @Override
            public Response init(ChaincodeStub stub) {
                return invoke(stub);
            }

            @Override
            public Response invoke(ChaincodeStub stub) {
                try {
                    seen[0] = new ClientIdentity(stub);
                } catch (Exception e) {
                    throw new AssertionError("the shim cannot read the creator", e);
                }
                return new Response(200, "", new byte[0]);
            }
        };
        InMemoryLedger.builder()
                .deploy("ch", "reader", reader)
                .build()
                .as(identity)
                .evaluate("whoami");
        return seen[0];
    }

    @Test
    void everyOrganisationIssuesEveryRoleReadableByTheShim() throws Exception {
        for (String msp : TestIdentities.ORGS) {
            for (Role role : Role.values()) {
                ClientIdentity seen = asChaincodeSeesIt(ids.user(msp, role));
                assertThat(seen.getMSPID()).isEqualTo(msp);
                assertThat(seen.getAttributeValue("fdc.role")).isEqualTo(role.attributeValue());
                assertThat(seen.getAttributeValue("hf.Type")).isEqualTo("client");
            }
        }
    }

    @Test
    void noRoleUserHasNoRoleAttribute() throws Exception {
        IssuedIdentity member = ids.noRole(TestIdentities.ORG3);
        assertThat(asChaincodeSeesIt(member).getAttributeValue("fdc.role")).isNull();
        assertThat(CaAttributes.read(member.certificate())).doesNotContainKey(CaAttributes.FDC_ROLE);
    }

    @Test
    void usersAreIssuedOnceAndSignedByTheirOrganisationsCa() throws Exception {
        IssuedIdentity provider = ids.provider(TestIdentities.ORG1);
        assertThat(ids.provider(TestIdentities.ORG1)).isSameAs(provider);
        provider.certificate()
                .verify(ids.authority(TestIdentities.ORG1).certificate().getPublicKey());
        assertThatThrownBy(() -> provider.certificate()
                        .verify(ids.authority(TestIdentities.ORG2).certificate().getPublicKey()))
                .isInstanceOf(java.security.SignatureException.class);
        assertThat(provider.certificate().getSubjectX500Principal().getName()).contains("CN=provider@org1.fdc");
    }

    @Test
    void conventionalMembers() throws Exception {
        assertThat(asChaincodeSeesIt(ids.dataUser()).getMSPID()).isEqualTo("DataUserMSP");
        assertThat(asChaincodeSeesIt(ids.compute()).getAttributeValue("fdc.role"))
                .isEqualTo("compute");
        assertThat(asChaincodeSeesIt(ids.auditor()).getAttributeValue("fdc.role"))
                .isEqualTo("auditor");
        assertThat(asChaincodeSeesIt(ids.tokenAdmin()).getAttributeValue("fdc.role"))
                .isEqualTo("token-admin");
    }

    @Test
    void customAttributesForOddCertificates() throws Exception {
        IssuedIdentity odd = ids.issue(TestIdentities.ORG2, "odd@org2.fdc", Map.of("fdc.role", "Provider"));
        assertThat(asChaincodeSeesIt(odd).getAttributeValue("fdc.role")).isEqualTo("Provider");
    }

    @Test
    void unknownOrganisationIsRefused() {
        assertThatThrownBy(() -> ids.provider("EvilMSP")).isInstanceOf(IllegalArgumentException.class);
    }
}
