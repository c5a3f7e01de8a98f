package org.fdcfabric.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fdcfabric.cli.devnet.BuiltInNetwork;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.protocol.Role;

/**
 * The devnet for a demo with {@code n} institutions: one provider organisation per institution (the first also
 * hosts the gateway and the token admin), plus the built-in network's data user, compute and auditor
 * organisations; both channels' chaincodes are endorsed by a majority of the providers.
 */
public final class DemoNetwork {
    static final String TOKEN_ADMIN = "provider1-admin";
    static final String TOKEN_ADMIN_MSP = "Provider1MSP";
    static final String DATA_USER = "dave";
    static final String DATA_USER_MSP = "DataUserMSP";
    static final String COMPUTE = "erin";
    static final String COMPUTE_MSP = "ComputeMSP";
    static final String AUDITOR = "frank";
    static final String AUDITOR_MSP = "AuditorMSP";

    private DemoNetwork() {}

    static String providerMsp(int institution) {
        return "Provider" + institution + "MSP";
    }

    static String providerUser(int institution) {
        return "provider" + institution + "-owner";
    }

    /** The demo's devnet configuration; the explorer's browser test restarts a finished demo's devnet with it. */
    public static DevnetConfig config(Path root, int institutions) {
        DevnetConfig defaults = BuiltInNetwork.config(root);
        List<DevnetConfig.OrgConfig> orgs = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        for (int i = 1; i <= institutions; i++) {
            List<DevnetConfig.UserConfig> users = new ArrayList<>();
            users.add(new DevnetConfig.UserConfig(providerUser(i), Role.PROVIDER.attributeValue(), false));
            if (i == 1) {
                users.add(new DevnetConfig.UserConfig(TOKEN_ADMIN, Role.TOKEN_ADMIN.attributeValue(), true));
            }
            orgs.add(new DevnetConfig.OrgConfig("provider" + i, providerMsp(i), users));
            providers.add(providerMsp(i));
        }
        defaults.orgs().stream()
                .filter(org -> !org.mspId().startsWith("Provider"))
                .forEach(orgs::add);
        List<String> members = orgs.stream().map(DevnetConfig.OrgConfig::mspId).toList();
        String policy = "OutOf(" + (institutions / 2 + 1) + ", "
                + providers.stream().map(msp -> "'" + msp + ".peer'").collect(Collectors.joining(", ")) + ")";
        List<DevnetConfig.ChannelConfig> channels = defaults.channels().stream()
                .map(channel -> new DevnetConfig.ChannelConfig(
                        channel.name(),
                        members,
                        channel.chaincodes().stream()
                                .map(cc -> new DevnetConfig.ChaincodeConfig(cc.name(), cc.version(), cc.jar(), policy))
                                .toList()))
                .toList();
        return new DevnetConfig(
                "fdc-demo",
                defaults.ordererOrg(),
                orgs,
                TOKEN_ADMIN_MSP,
                channels,
                defaults.batch(),
                defaults.baseDirectory());
    }
}
