package org.fdcfabric.devnet.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/** Turns a low-S P-256 signature into its equally valid high-S twin, which Fabric rejects. */
final class HighS {
    private HighS() {}

    static byte[] flip(byte[] der) {
        ASN1Sequence rs = ASN1Sequence.getInstance(der);
        BigInteger n = CustomNamedCurves.getByName("secp256r1").getN();
        BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
        try {
            return new DERSequence(new ASN1Integer[] {
                        ASN1Integer.getInstance(rs.getObjectAt(0)), new ASN1Integer(n.subtract(s))
                    })
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
