package org.fdcfabric.cli.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.CommonOptions;
import org.fdcfabric.cli.ExitCodes;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.cli.HelpText;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.explorer.chain.GatewaySource;
import org.fdcfabric.explorer.web.ExplorerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fdc explorer}: reads the chain as {@code --as} and serves the explorer on loopback (or {@code --host}) until
 * Ctrl-C. It submits nothing. With {@code --tls-keystore} it serves HTTPS from a PKCS#12 key store.
 */
@Command(
        name = "explorer",
        footerHeading = HelpText.EXAMPLES,
        footer = {
            "  fdc explorer --as frank",
            "  fdc explorer --as frank --port 8080 --host 0.0.0.0 --tls-keystore \\",
            "      explorer.p12 --tls-password-file pw"
        },
        description = "Serve a read-only web explorer of the chain (network, datasets, requests and passes, jobs,"
                + " tokens, audit) as one identity, with live updates; Ctrl-C stops it.")
public final class ExplorerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8480;

    @Option(
            names = "--tls-keystore",
            paramLabel = "<file.p12>",
            description = "Serve HTTPS with this PKCS#12 key store.")
    Path keyStore;

    @Option(
            names = "--tls-password-file",
            paramLabel = "<file>",
            description = "File holding the key store's password (first line).")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if ((keyStore == null) != (passwordFile == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-keystore and --tls-password-file go together");
        }
        Optional<SSLContext> tls = keyStore == null ? Optional.empty() : Optional.of(tls(keyStore, passwordFile));
        CliContext context = ((Fdc) spec.root().userObject()).context();
        try (FdcConnection connection = context.connector()
                        .connect(options.profile(context.environment()), options.identity(context.environment()));
                ExplorerServer server = ExplorerServer.start(
                        GatewaySource.over(connection), connection.identity().name(), host, port, tls)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "explorer-stop"));
            String scheme = tls.isPresent() ? "https" : "http";
            String shown = host.contains(":") ? "[" + host + "]" : host;
            context.out()
                    .printf(
                            "explorer of %s as %s on %s://%s:%d/ (Ctrl-C stops it)%n",
                            connection.endpoint(), connection.identity().name(), scheme, shown, server.port());
            stopped.await();
        }
        return ExitCodes.OK;
    }

    private SSLContext tls(Path store, Path password) throws IOException, GeneralSecurityException {
        char[] secret = Files.readAllLines(password, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("")
                .toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, secret);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, secret);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }
}
