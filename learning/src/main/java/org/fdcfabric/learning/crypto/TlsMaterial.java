package org.fdcfabric.learning.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** JSSE key and trust managers from in-memory organisation keys and CA certificates, for mutual TLS. */
public final class TlsMaterial {
    private TlsMaterial() {}

    public static KeyManager[] keyManagers(PrivateKey key, X509Certificate certificate)
            throws GeneralSecurityException {
        KeyStore store = emptyStore();
        char[] password = new char[0];
        store.setKeyEntry("identity", key, password, new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    public static TrustManager[] trustManagers(X509Certificate... authorities) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        for (int i = 0; i < authorities.length; i++) {
            store.setCertificateEntry("ca-" + i, authorities[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
    }
}
