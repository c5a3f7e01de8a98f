package org.fdcfabric.cli.demo;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fdcfabric.cli.CommandFailed;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.TlsDirectory;
import org.fdcfabric.protocol.Role;
import org.fdcfabric.protocol.profile.ConnectionProfile;

/**
 * Who acts in a demo run, as identities of one connection profile, and the TLS identities the data centers and
 * the coordinator present to each other over mutual TLS (one per organisation).
 *
 * @param providers one per institution, each of its own organisation, in institution order
 * @param tls each provider's and the compute organisation's TLS identity with its organisation's TLS CA
 */
record DemoParties(
        Path profileFile,
        Party tokenAdmin,
        Party dataUser,
        Party compute,
        Party auditor,
        List<Party> providers,
        Map<String, TlsDirectory.TlsMaterial> tls) {
    static final String TOKEN_ADMIN_ROLE = Role.TOKEN_ADMIN.attributeValue();
    static final String DATA_USER_ROLE = Role.DATA_USER.attributeValue();
    static final String COMPUTE_ROLE = Role.COMPUTE.attributeValue();
    static final String AUDITOR_ROLE = Role.AUDITOR.attributeValue();
    static final String PROVIDER_ROLE = Role.PROVIDER.attributeValue();

    /** An identity of the profile and its organisation. */
    record Party(String identity, String mspId) {}

    DemoParties {
        Objects.requireNonNull(profileFile, "profileFile");
        providers = List.copyOf(providers);
        tls = Map.copyOf(tls);
    }

    TlsDirectory.TlsMaterial tls(String mspId) {
        TlsDirectory.TlsMaterial material = tls.get(mspId);
        if (material == null) {
            throw new IllegalStateException("no TLS identity for " + mspId);
        }
        return material;
    }

    /** The embedded devnet's parties: {@link DemoNetwork}'s identities and the devnet's own TLS material. */
    static DemoParties devnet(Path profileFile, CryptoMaterial crypto, int institutions) {
        List<Party> providers = new ArrayList<>();
        Map<String, TlsDirectory.TlsMaterial> tls = new TreeMap<>();
        for (int i = 1; i <= institutions; i++) {
            providers.add(new Party(DemoNetwork.providerUser(i), DemoNetwork.providerMsp(i)));
            tls.put(
                    DemoNetwork.providerMsp(i),
                    crypto.org(DemoNetwork.providerMsp(i)).nodeTls());
        }
        tls.put(DemoNetwork.COMPUTE_MSP, crypto.org(DemoNetwork.COMPUTE_MSP).nodeTls());
        return new DemoParties(
                profileFile,
                new Party(DemoNetwork.TOKEN_ADMIN, DemoNetwork.TOKEN_ADMIN_MSP),
                new Party(DemoNetwork.DATA_USER, DemoNetwork.DATA_USER_MSP),
                new Party(DemoNetwork.COMPUTE, DemoNetwork.COMPUTE_MSP),
                new Party(DemoNetwork.AUDITOR, DemoNetwork.AUDITOR_MSP),
                providers,
                tls);
    }

    /**
     * The parties of an existing network, chosen from the profile's identities by their {@code fdc.role}: the
     * first (by name) token admin, data user, compute and auditor identity, and one provider identity from each
     * of the first {@code institutions} provider organisations (by MSP id). The network's own TLS keys stay with
     * its peers: the locally run data centers and coordinator get a fresh TLS CA per organisation, made for this
     * run. A missing role is a clear {@link ExitCodes#CONFIGURATION} failure naming the phase that needs it.
     */
    static DemoParties fromProfile(
            Path profileFile, ConnectionProfile profile, int institutions, Clock clock, SecureRandom random)
            throws CommandFailed {
        Map<String, ConnectionProfile.ProfileIdentity> identities = new TreeMap<>(profile.identities());
        Party tokenAdmin = one(profileFile, identities, TOKEN_ADMIN_ROLE, "phase 1 (initialize and mint tokens)");
        Party dataUser = one(profileFile, identities, DATA_USER_ROLE, "phases 3 and 4 (request access, fund the job)");
        Party compute = one(profileFile, identities, COMPUTE_ROLE, "phase 5 (training)");
        Party auditor = one(profileFile, identities, AUDITOR_ROLE, "phase 7 (audit)");
        Map<String, Party> byOrg = new TreeMap<>();
        identities.forEach((name, identity) -> {
            if (PROVIDER_ROLE.equals(identity.role())) {
                byOrg.putIfAbsent(identity.mspId(), new Party(name, identity.mspId()));
            }
        });
        if (byOrg.size() < institutions) {
            throw new CommandFailed(
                    "profile " + profileFile + " has provider identities (role '" + PROVIDER_ROLE + "') of "
                            + byOrg.size() + " organisation(s) " + byOrg.keySet() + "; --institutions " + institutions
                            + " needs one in each of " + institutions + " organisations (phase 2, the institutions)",
                    ExitCodes.CONFIGURATION);
        }
        List<Party> providers = new ArrayList<>(byOrg.values()).subList(0, institutions);
        Map<String, TlsDirectory.TlsMaterial> tls = new TreeMap<>();
        List<String> tlsOrgs =
                new ArrayList<>(providers.stream().map(Party::mspId).toList());
        tlsOrgs.add(compute.mspId());
        for (String mspId : tlsOrgs) {
            if (tls.containsKey(mspId)) {
                continue;
            }
            CertificateAuthority ca = CertificateAuthority.create(
                    "tlsca." + mspId.toLowerCase(java.util.Locale.ROOT), mspId, clock, Duration.ofDays(1), random);
            tls.put(
                    mspId,
                    new TlsDirectory.TlsMaterial(
                            ca.issueTls(mspId, "federation." + mspId, List.of("localhost", "127.0.0.1")),
                            ca.certificate()));
        }
        return new DemoParties(profileFile, tokenAdmin, dataUser, compute, auditor, providers, tls);
    }

    private static Party one(
            Path profileFile, Map<String, ConnectionProfile.ProfileIdentity> identities, String role, String phase)
            throws CommandFailed {
        return identities.entrySet().stream()
                .filter(e -> role.equals(e.getValue().role()))
                .findFirst()
                .map(e -> new Party(e.getKey(), e.getValue().mspId()))
                .orElseThrow(() -> new CommandFailed(
                        "profile " + profileFile + " has no identity with role '" + role + "', which " + phase
                                + " needs; add one (its certificate must carry fdc.role=" + role + ")",
                        ExitCodes.CONFIGURATION));
    }
}
