package org.fdcfabric.client.connection;

import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.fdcfabric.client.ProfileInvalid;
import org.fdcfabric.client.audit.AuditClient;
import org.fdcfabric.client.events.ChaincodeEventListener;
import org.fdcfabric.client.job.JobClient;
import org.fdcfabric.client.ledger.LedgerClient;
import org.fdcfabric.client.pass.PassClient;
import org.fdcfabric.client.profile.LoadedProfile;
import org.fdcfabric.client.profile.ProfileReader;
import org.fdcfabric.client.profile.SigningMaterial;
import org.fdcfabric.client.registration.RegistrationClient;
import org.fdcfabric.client.token.TokenClient;
import org.fdcfabric.client.tx.CallDeadlines;
import org.fdcfabric.client.tx.ContractCalls;
import org.fdcfabric.client.tx.RetryPolicy;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.profile.ConnectionProfile.ChannelNames;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * One identity's connection to an FDC-Fabric network: a gRPC channel to the gateway (TLS, trusting the profile's
 * root), a Fabric Gateway for that identity, and the typed contract clients over it. Build it with
 * {@link #builder()}; close it when done (closes the gateway, and the channel when this connection opened it).
 */
public final class FdcConnection implements AutoCloseable {
    private final LoadedProfile profile;
    private final SigningMaterial identity;
    private final Gateway gateway;
    private final ManagedChannel ownedChannel;
    private final RetryPolicy retryPolicy;
    private final CallDeadlines deadlines;

    private FdcConnection(
            LoadedProfile profile,
            SigningMaterial identity,
            Gateway gateway,
            ManagedChannel ownedChannel,
            RetryPolicy retryPolicy,
            CallDeadlines deadlines) {
        this.profile = profile;
        this.identity = identity;
        this.gateway = gateway;
        this.ownedChannel = ownedChannel;
        this.retryPolicy = retryPolicy;
        this.deadlines = deadlines;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LoadedProfile profile() {
        return profile;
    }

    /** Who this connection acts as. */
    public SigningMaterial identity() {
        return identity;
    }

    /** The gateway address, as error messages name it. */
    public String endpoint() {
        return profile.profile().gateway().address();
    }

    public RegistrationClient registration() {
        return RegistrationClient.over(
                calls(channels().registration(), channels().registrationChaincode(), "registration"));
    }

    public TokenClient tokens() {
        return TokenClient.over(collaboration("token"));
    }

    public PassClient passes() {
        return PassClient.over(collaboration("pass"));
    }

    public JobClient jobs() {
        return JobClient.over(collaboration("job"));
    }

    public AuditClient audit() {
        return AuditClient.over(collaboration("audit"));
    }

    /** A listener for the events of the registration chaincode. */
    public ChaincodeEventListener registrationEvents() {
        return new ChaincodeEventListener(
                network(channels().registration()), channels().registrationChaincode(), endpoint());
    }

    /** A listener for the events of the collaboration chaincode (token, pass, job and audit contracts). */
    public ChaincodeEventListener collaborationEvents() {
        return new ChaincodeEventListener(
                network(channels().collaboration()), channels().collaborationChaincode(), endpoint());
    }

    /** The registration channel's blocks and transactions. */
    public LedgerClient registrationLedger() {
        return ledger(channels().registration());
    }

    /** The collaboration channel's blocks and transactions. */
    public LedgerClient collaborationLedger() {
        return ledger(channels().collaboration());
    }

    /** {@code channel}'s blocks and transactions, through the peer's {@code qscc} and Deliver service. */
    public LedgerClient ledger(String channel) {
        Network network = network(channel);
        return LedgerClient.over(
                channel,
                new ContractCalls(gateway, channel, network.getContract("qscc"), retryPolicy, deadlines, endpoint()),
                network);
    }

    private ContractCalls collaboration(String contract) {
        return calls(channels().collaboration(), channels().collaborationChaincode(), contract);
    }

    private ContractCalls calls(String channel, String chaincode, String contract) {
        return new ContractCalls(
                gateway,
                channel,
                network(channel).getContract(chaincode, contract),
                retryPolicy,
                deadlines,
                endpoint());
    }

    private Network network(String channel) {
        return gateway.getNetwork(channel);
    }

    private ChannelNames channels() {
        return profile.profile().channels();
    }

    @Override
    public void close() {
        gateway.close();
        if (ownedChannel != null) {
            ownedChannel.shutdownNow();
            try {
                ownedChannel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fluent construction; {@link #connect()} loads the identity and opens the connection. */
    public static final class Builder {
        private LoadedProfile profile;
        private Path profileFile;
        private String identityName;
        private Channel sharedChannel;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private CallDeadlines deadlines = CallDeadlines.defaults();

        private Builder() {}

        public Builder profile(Path file) {
            this.profileFile = Objects.requireNonNull(file);
            this.profile = null;
            return this;
        }

        public Builder profile(LoadedProfile loaded) {
            this.profile = Objects.requireNonNull(loaded);
            this.profileFile = null;
            return this;
        }

        /** The profile's name of the identity to act as; optional when the profile has exactly one. */
        public Builder identity(String name) {
            this.identityName = name;
            return this;
        }

        /**
         * Use a channel the caller owns (shared by several identities' connections) instead of opening one. The
         * connection will not close it.
         */
        public Builder channel(Channel channel) {
            this.sharedChannel = Objects.requireNonNull(channel);
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder deadlines(CallDeadlines callDeadlines) {
            this.deadlines = Objects.requireNonNull(callDeadlines);
            return this;
        }

        public FdcConnection connect() throws ProfileInvalid {
            LoadedProfile loaded = profile != null ? profile : new ProfileReader().read(requireProfileFile());
            SigningMaterial material = loaded.signingMaterial(identityName);
            ManagedChannel owned = sharedChannel == null ? openChannel(loaded) : null;
            Channel channel = sharedChannel == null ? owned : sharedChannel;
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(material.mspId(), material.certificate()))
                    // The SDK's private-key signer rebuilds BouncyCastle's base-point tables on every call (2.5x the
                    // CPU of signing on the shared P-256 domain); this gives the same deterministic low-S signature.
                    .signer(digest -> Signatures.signDigest(material.privateKey(), digest))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(deadline(deadlines.evaluate().toMillis()))
                    .endorseOptions(deadline(deadlines.endorse().toMillis()))
                    .submitOptions(deadline(deadlines.submit().toMillis()))
                    .commitStatusOptions(deadline(deadlines.commitStatus().toMillis()))
                    .connect();
            return new FdcConnection(loaded, material, gateway, owned, retryPolicy, deadlines);
        }

        private Path requireProfileFile() {
            if (profileFile == null) {
                throw new IllegalStateException("no connection profile given: call profile(...) before connect()");
            }
            return profileFile;
        }

        private static CallOption deadline(long millis) {
            return CallOption.deadlineAfter(millis, TimeUnit.MILLISECONDS);
        }

        private static ManagedChannel openChannel(LoadedProfile loaded) throws ProfileInvalid {
            Path root = loaded.tlsRootCert();
            TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
            try (Reader pem = Files.newBufferedReader(root, StandardCharsets.US_ASCII)) {
                Identities.readX509Certificate(pem);
                tls.trustManager(root.toFile());
            } catch (NoSuchFileException e) {
                throw new ProfileInvalid(root, "TLS root certificate does not exist", e);
            } catch (AccessDeniedException e) {
                throw new ProfileInvalid(root, "TLS root certificate is not readable (permission denied)", e);
            } catch (IOException | CertificateException | RuntimeException e) {
                throw new ProfileInvalid(root, "is not a PEM TLS root certificate: " + e.getMessage(), e);
            }
            var endpoint = loaded.profile().gateway();
            var builder = Grpc.newChannelBuilder(endpoint.address(), tls.build());
            if (endpoint.serverNameOverride() != null
                    && !endpoint.serverNameOverride().isBlank()) {
                builder.overrideAuthority(endpoint.serverNameOverride());
            }
            return builder.build();
        }
    }
}
