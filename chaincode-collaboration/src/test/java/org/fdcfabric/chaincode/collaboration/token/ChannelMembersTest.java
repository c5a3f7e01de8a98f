package org.fdcfabric.chaincode.collaboration.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class ChannelMembersTest {
    @Test
    void aServerWithoutItsChannelsOrganisationsRefusesRatherThanAcceptingAnyName() {
        for (String unset : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> ChannelMembers.parse(unset))
                    .isInstanceOfSatisfying(ChaincodeException.class, e -> assertThat(e.getMessage())
                            .startsWith("CHANNEL_MEMBERS_UNKNOWN: "));
        }
        assertThatThrownBy(() -> ChannelMembers.parse("Org1MSP,,Org2MSP"))
                .hasMessageStartingWith("CHANNEL_MEMBERS_UNKNOWN: ");
        assertThatThrownBy(() -> ChannelMembers.parse("Org1MSP,bad msp"))
                .hasMessageStartingWith("CHANNEL_MEMBERS_UNKNOWN: ");
    }

    @Test
    void membershipIsCaseExact() {
        ChannelMembers members = ChannelMembers.parse("Provider1MSP, DataUserMSP");

        assertThat(members.requireMember("Provider1MSP")).isEqualTo("Provider1MSP");
        assertThat(members.requireMember("DataUserMSP")).isEqualTo("DataUserMSP");
        assertThatThrownBy(() -> members.requireMember("provider1msp")).hasMessageStartingWith("UNKNOWN_ACCOUNT: ");
        assertThatThrownBy(() -> members.requireMember("NoSuchMSP")).hasMessageStartingWith("UNKNOWN_ACCOUNT: ");
    }
}
