package org.fdcfabric.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.client.Unreachable;
import org.fdcfabric.client.testing.TestProfiles;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening real TLS channels (grpc-netty-shaded), without a gateway behind them. */
class FdcConnectionTest {
    @TempDir
    Path dir;

    @Nested
    class Connect {
        @Test
        void aClosedPortIsUnreachableNamingTheAddress() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String address = "localhost:" + port;
            try (FdcConnection connection = FdcConnection.builder()
                    .profile(TestProfiles.write(dir, address))
                    .identity("alice")
                    .connect()) {
                assertThat(connection.identity().mspId()).isEqualTo("Org1MSP");
                assertThat(connection.endpoint()).isEqualTo(address);

                assertThatThrownBy(() -> connection.tokens().balanceOf("Org1MSP"))
                        .isInstanceOfSatisfying(Unreachable.class, e -> {
                            assertThat(e.endpoint()).isEqualTo(address);
                            assertThat(e.reason()).contains("UNAVAILABLE");
                        });
            }
        }

        @Test
        void aTlsRootThatIsNotACertificateIsNamed() throws Exception {
            Path profile = TestProfiles.write(dir, "localhost:7051");
            Path root = Files.writeString(dir.resolve("tls/ca.pem"), "garbage");

            assertThatThrownBy(() -> FdcConnection.builder()
                            .profile(profile)
                            .identity("alice")
                            .connect())
                    .isInstanceOfSatisfying(
                            ProfileInvalid.class, e -> assertThat(e.file()).isEqualTo(root.toAbsolutePath()))
                    .hasMessageContaining("not a PEM TLS root certificate");
        }

        @Test
        void aMissingTlsRootIsNamed() throws Exception {
            Path profile = TestProfiles.write(dir, "localhost:7051");
            Files.delete(dir.resolve("tls/ca.pem"));

            assertThatThrownBy(() -> FdcConnection.builder()
                            .profile(profile)
                            .identity("bob")
                            .connect())
                    .isInstanceOf(ProfileInvalid.class)
                    .hasMessageContaining("TLS root certificate does not exist");
        }
    }
}
