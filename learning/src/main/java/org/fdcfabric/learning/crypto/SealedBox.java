package org.fdcfabric.learning.crypto;

/** AES-GCM output: the 12-byte nonce and the ciphertext with its 16-byte tag appended. */
public record SealedBox(byte[] nonce, byte[] ciphertext) {
    public SealedBox {
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }
}
