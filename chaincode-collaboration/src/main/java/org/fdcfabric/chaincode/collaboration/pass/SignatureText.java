package org.fdcfabric.chaincode.collaboration.pass;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.fdcfabric.chaincode.support.Refusals;
import org.fdcfabric.protocol.ErrorCode;

/**
 * Reads a DER signature given as hex or base64. A DER ECDSA signature starts with byte 0x30, so its base64 form
 * starts with 'M' and can never be mistaken for hex.
 */
final class SignatureText {
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){8,72}");
    private static final int MAX_CHARS = 200;

    private SignatureText() {}

    static byte[] decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            throw Refusals.refuse(ErrorCode.INVALID_SIGNATURE, "the signature must be DER in hex or base64");
        }
        if (HEX.matcher(text).matches()) {
            return HexFormat.of().parseHex(text);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw Refusals.refuse(ErrorCode.INVALID_SIGNATURE, "the signature is neither hex nor base64");
        }
    }
}
