package org.fdcfabric.client.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes connection profiles with real certificate and key files into a directory. */
public final class TestProfiles {
    private TestProfiles() {}

    /**
     * A JSON profile at {@code dir/profile.json} with identities {@code alice} (Org1MSP) and {@code bob}
     * (Org2MSP), files referenced relative to the profile, and a TLS root for {@code address}.
     */
    public static Path write(Path dir, String address) throws IOException {
        TestCredentials tls = TestCredentials.generate("tlsca");
        tls.writeCertificate(dir.resolve("tls/ca.pem"));
        for (String name : new String[] {"alice", "bob"}) {
            TestCredentials c = TestCredentials.generate(name);
            c.writeCertificate(dir.resolve("users/" + name + "/signcerts/cert.pem"));
            c.writePrivateKey(dir.resolve("users/" + name + "/keystore/priv_sk"));
        }
        String json = """
                {
                  "name": "test-network",
                  "gateway": {"address": "%s", "tlsRootCert": "tls/ca.pem", "serverNameOverride": "localhost"},
                  "channels": {"registration": "registration", "registrationChaincode": "registration",
                               "collaboration": "collaboration", "collaborationChaincode": "collaboration"},
                  "identities": {
                    "alice": {"mspId": "Org1MSP", "certificate": "users/alice/signcerts/cert.pem",
                              "privateKey": "users/alice/keystore/priv_sk", "role": "data-user"},
                    "bob": {"mspId": "Org2MSP", "certificate": "users/bob/signcerts/cert.pem",
                            "privateKey": "users/bob/keystore/priv_sk", "role": "provider"}
                  }
                }
                """.formatted(address);
        return Files.writeString(dir.resolve("profile.json"), json);
    }
}
