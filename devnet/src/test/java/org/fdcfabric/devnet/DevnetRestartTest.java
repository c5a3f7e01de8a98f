package org.fdcfabric.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.devnet.config.CryptoMaterial;
import org.fdcfabric.devnet.config.DevnetConfig;
import org.fdcfabric.devnet.testcc.TestChaincodeJar;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State, history, events and crypto material survive closing and restarting a devnet on the same directory. */
class DevnetRestartTest {
    @TempDir
    Path dir;

    @Test
    void survivesARestart() throws Exception {
        Path jar = TestChaincodeJar.build(dir.resolve("cc"));
        Path configFile = dir.resolve("devnet.yaml");
        Files.writeString(configFile, """
                name: restart-net
                ordererOrg: { name: orderer, mspId: OrdererMSP }
                orgs:
                  - { name: org1, mspId: Org1MSP, users: [ { name: alice, role: provider } ] }
                gatewayOrg: Org1MSP
                channels:
                  - name: alpha
                    orgs: [Org1MSP]
                    chaincodes: [ { name: kv, version: "1", jar: "%s", policy: "MAJORITY Endorsement" } ]
                batch: { maxMessageCount: 10, timeoutMillis: 20 }
                """.formatted(jar));
        DevnetConfig config = DevnetConfig.load(configFile);
        Path data = dir.resolve("data");

        X509Certificate firstCertificate;
        Status written;
        try (Devnet devnet = Devnet.start(config, data, 0)) {
            firstCertificate = alice(devnet).identity().certificate();
            try (Client client = new Client(devnet, data)) {
                written = client.kv
                        .newProposal("put")
                        .addArguments("kept", "yes")
                        .build()
                        .endorse()
                        .submitAsync()
                        .getStatus();
                client.kv.submitTransaction("put", "kept", "still");
            }
        }

        try (Devnet devnet = Devnet.start(config, data, 0)) {
            assertThat(alice(devnet).identity().certificate()).isEqualTo(firstCertificate);
            try (Client client = new Client(devnet, data)) {
                assertThat(text(client.kv.evaluateTransaction("get", "kept"))).isEqualTo("still");
                assertThat(text(client.kv.evaluateTransaction("history", "kept")))
                        .isEqualTo("still,yes");
                try (CloseableIterator<ChaincodeEvent> events = client.gateway
                        .getNetwork("alpha")
                        .newChaincodeEventsRequest("kv")
                        .startBlock(written.getBlockNumber())
                        .build()
                        .getEvents(options -> options.withDeadlineAfter(20, TimeUnit.SECONDS))) {
                    ChaincodeEvent first = events.next();
                    assertThat(first.getTransactionId()).isEqualTo(written.getTransactionId());
                    assertThat(text(first.getPayload())).isEqualTo("kept=yes");
                }
                client.kv.submitTransaction("put", "after", "restart");
                assertThat(text(client.kv.evaluateTransaction("get", "after"))).isEqualTo("restart");
            }
        }
    }

    private static CryptoMaterial.User alice(Devnet devnet) {
        return devnet.crypto().org("Org1MSP").users().get("alice");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static final class Client implements AutoCloseable {
        final ManagedChannel channel;
        final Gateway gateway;
        final Contract kv;

        Client(Devnet devnet, Path data) throws Exception {
            channel = Grpc.newChannelBuilder(
                            devnet.profile().gateway().address(),
                            TlsChannelCredentials.newBuilder()
                                    .trustManager(data.resolve(
                                                    devnet.profile().gateway().tlsRootCert())
                                            .toFile())
                                    .build())
                    .build();
            CryptoMaterial.User alice = alice(devnet);
            gateway = Gateway.newInstance()
                    .identity(new X509Identity(
                            alice.identity().mspId(), alice.identity().certificate()))
                    .signer(Signers.newPrivateKeySigner(alice.identity().privateKey()))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .commitStatusOptions(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .connect();
            kv = gateway.getNetwork("alpha").getContract("kv");
        }

        @Override
        public void close() throws Exception {
            gateway.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
