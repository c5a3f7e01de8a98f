package org.fdcfabric.msp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.fdcfabric.protocol.Role;

/**
 * Fabric CA's attribute extension ({@code fabric-ca/lib/attrmgr}): a non-critical X.509 extension, OID
 * {@value #OID}, whose extnValue octets are the UTF-8 JSON {@code {"attrs":{name:value,...}}} itself, with no
 * further DER wrapping. Keys are sorted, as Go's JSON encoder writes a map.
 */
public final class CaAttributes {
    public static final String OID = "1.2.3.4.5.6.7.8.1";
    public static final String ENROLLMENT_ID = "hf.EnrollmentID";
    public static final String TYPE = "hf.Type";
    public static final String AFFILIATION = "hf.Affiliation";
    /** The FDC role a user certificate carries: provider, data-user, compute, auditor or token-admin. */
    public static final String FDC_ROLE = Role.ATTRIBUTE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaAttributes() {}

    static byte[] encode(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsBytes(Map.of("attrs", new TreeMap<>(attributes)));
        } catch (JsonProcessingException e) {
            throw new MspException("cannot encode certificate attributes", e);
        }
    }

    /** The attributes a certificate carries; empty when it has no attribute extension. */
    public static SortedMap<String, String> read(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(OID);
        if (extension == null) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, String> attributes = new TreeMap<>();
        try {
            byte[] json = ASN1OctetString.getInstance(extension).getOctets();
            JsonNode attrs =
                    JSON.readTree(new String(json, StandardCharsets.UTF_8)).path("attrs");
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    attributes.put(field.getKey(), field.getValue().asText());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MspException("malformed Fabric CA attribute extension", e);
        }
        return Collections.unmodifiableSortedMap(attributes);
    }
}
