package org.fdcfabric.chaincode.testing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fdcfabric.msp.CaAttributes;
import org.fdcfabric.msp.CertificateAuthority;
import org.fdcfabric.msp.IssuedIdentity;
import org.fdcfabric.msp.NodeOu;
import org.fdcfabric.protocol.Role;

/**
 * The FDC consortium for tests: one real ECDSA P-256 certificate authority per organisation, and client users
 * whose certificates carry {@code fdc.role} in Fabric CA's attribute extension, exactly as the shim's
 * {@code ClientIdentity} reads it. Users are issued on first use and then reused, so one instance gives stable
 * creator bytes; create one per test class (CA and key generation take a few milliseconds each).
 */
public final class TestIdentities {
    public static final String ORG1 = "Org1MSP";
    public static final String ORG2 = "Org2MSP";
    public static final String ORG3 = "Org3MSP";
    public static final String DATA_USER_ORG = "DataUserMSP";
    public static final String COMPUTE_ORG = "ComputeMSP";
    public static final String AUDITOR_ORG = "AuditorMSP";
    /** The institutions: each runs a peer and a private data center and registers datasets. */
    public static final List<String> PROVIDER_ORGS = List.of(ORG1, ORG2, ORG3);

    public static final List<String> ORGS = List.of(ORG1, ORG2, ORG3, DATA_USER_ORG, COMPUTE_ORG, AUDITOR_ORG);

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final String NO_ROLE = "none";

    private final Map<String, CertificateAuthority> authorities = new TreeMap<>();
    private final Map<String, IssuedIdentity> users = new TreeMap<>();

    private TestIdentities(Clock clock, SecureRandom random) {
        for (String msp : ORGS) {
            String domain = domain(msp);
            authorities.put(msp, CertificateAuthority.create("ca." + domain, msp, clock, VALIDITY, random));
        }
    }

    /** A fresh consortium whose certificates are valid from a day before the ledger's default start. */
    public static TestIdentities create() {
        Clock clock = Clock.fixed(InMemoryLedger.DEFAULT_START.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        return new TestIdentities(clock, new SecureRandom());
    }

    /** The user of {@code mspId} holding {@code role}, e.g. {@code provider@org1.fdc}. */
    public IssuedIdentity user(String mspId, Role role) {
        Objects.requireNonNull(role, "role");
        return users.computeIfAbsent(
                mspId + "/" + role.attributeValue(),
                k -> issue(
                        mspId,
                        role.attributeValue() + "@" + domain(mspId),
                        Map.of(CaAttributes.FDC_ROLE, role.attributeValue())));
    }

    /** A client of {@code mspId} whose certificate has no {@code fdc.role} attribute at all. */
    public IssuedIdentity noRole(String mspId) {
        return users.computeIfAbsent(mspId + "/" + NO_ROLE, k -> issue(mspId, "member@" + domain(mspId), Map.of()));
    }

    /**
     * A fresh client of {@code mspId} with exactly {@code attributes} (beyond Fabric CA's {@code hf.*} ones): for
     * tests of odd certificates, such as a misspelt or empty role.
     */
    public IssuedIdentity issue(String mspId, String enrollmentId, Map<String, String> attributes) {
        return authority(mspId).issue(mspId, enrollmentId, NodeOu.CLIENT, attributes);
    }

    public IssuedIdentity provider(String mspId) {
        return user(mspId, Role.PROVIDER);
    }

    public IssuedIdentity dataUser() {
        return user(DATA_USER_ORG, Role.DATA_USER);
    }

    public IssuedIdentity compute() {
        return user(COMPUTE_ORG, Role.COMPUTE);
    }

    public IssuedIdentity auditor() {
        return user(AUDITOR_ORG, Role.AUDITOR);
    }

    /** The consortium's token administrator, a member of the auditor organisation that governs the network. */
    public IssuedIdentity tokenAdmin() {
        return user(AUDITOR_ORG, Role.TOKEN_ADMIN);
    }

    public CertificateAuthority authority(String mspId) {
        CertificateAuthority authority = authorities.get(mspId);
        if (authority == null) {
            throw new IllegalArgumentException("unknown organisation " + mspId + "; known: " + ORGS);
        }
        return authority;
    }

    /** {@code Org1MSP} -> {@code org1.fdc}, {@code DataUserMSP} -> {@code datauser.fdc}. */
    private static String domain(String mspId) {
        String org = mspId.endsWith("MSP") ? mspId.substring(0, mspId.length() - 3) : mspId;
        return org.toLowerCase(Locale.ROOT) + ".fdc";
    }
}
