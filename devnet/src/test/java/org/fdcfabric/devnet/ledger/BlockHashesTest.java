package org.fdcfabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header's DER bytes, now written by hand in the protocol module, equal BouncyCastle's DER encoder's. */
class BlockHashesTest {
    @ParameterizedTest
    @CsvSource({"0,0,32", "1,32,32", "127,32,32", "128,32,32", "255,0,200", "-1,32,32", "9223372036854775807,300,70000"
    })
    void headerBytesAreDerAsFabricEncodesThem(long number, int previousLength, int dataLength) throws Exception {
        byte[] previous = bytes(previousLength, 3);
        byte[] data = bytes(dataLength, 7);
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previous))
                .setDataHash(ByteString.copyFrom(data))
                .build();

        ASN1EncodableVector fields = new ASN1EncodableVector(3);
        fields.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(number))));
        fields.add(new DEROctetString(previous));
        fields.add(new DEROctetString(data));
        byte[] reference = new DERSequence(fields).getEncoded(ASN1Encoding.DER);

        assertThat(BlockHashes.headerBytes(header)).isEqualTo(reference);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * seed + 1);
        }
        return out;
    }
}
