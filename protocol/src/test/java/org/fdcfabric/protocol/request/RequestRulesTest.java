package org.fdcfabric.protocol.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.fdcfabric.protocol.InvalidInputException;
import org.fdcfabric.protocol.Signatures;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestRulesTest {
    static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    static final String NONCE = "0f".repeat(16);

    static CollaborationRequest request(
            String id,
            String msp,
            List<String> datasets,
            String purpose,
            String computation,
            int rounds,
            Instant expiry,
            String nonce) {
        return new CollaborationRequest(id, msp, datasets, purpose, computation, rounds, expiry, nonce);
    }

    static CollaborationRequest valid() {
        return request(
                "req-001",
                "DataUserMSP",
                List.of("school-1.wearables", "school-2.wearables"),
                "activity recognition",
                "federated-training:mlp",
                20,
                EXPIRY,
                NONCE);
    }

    static Stream<Arguments> badRequests() {
        List<String> ds = valid().datasetIds();
        return Stream.of(
                Arguments.of(
                        request("r", "DataUserMSP", ds, "p", "c", 1, EXPIRY, NONCE), RequestRules.INVALID_REQUEST_ID),
                Arguments.of(request("req-1", "bad msp", ds, "p", "c", 1, EXPIRY, NONCE), RequestRules.INVALID_MSP_ID),
                Arguments.of(
                        request("req-1", "M", List.of(), "p", "c", 1, EXPIRY, NONCE), RequestRules.INVALID_DATASET_IDS),
                Arguments.of(
                        request("req-1", "M", List.of("abc", "abc"), "p", "c", 1, EXPIRY, NONCE),
                        RequestRules.INVALID_DATASET_IDS),
                Arguments.of(
                        request("req-1", "M", List.of("A!"), "p", "c", 1, EXPIRY, NONCE),
                        RequestRules.INVALID_DATASET_IDS),
                Arguments.of(request("req-1", "M", ds, "", "c", 1, EXPIRY, NONCE), RequestRules.INVALID_PURPOSE),
                Arguments.of(
                        request("req-1", "M", ds, "p", "c".repeat(129), 1, EXPIRY, NONCE),
                        RequestRules.INVALID_COMPUTATION),
                Arguments.of(request("req-1", "M", ds, "p", "c", 0, EXPIRY, NONCE), RequestRules.INVALID_MAX_ROUNDS),
                Arguments.of(
                        request("req-1", "M", ds, "p", "c", 10_001, EXPIRY, NONCE), RequestRules.INVALID_MAX_ROUNDS),
                Arguments.of(request("req-1", "M", ds, "p", "c", 1, null, NONCE), RequestRules.INVALID_EXPIRY),
                Arguments.of(request("req-1", "M", ds, "p", "c", 1, EXPIRY, "abc"), RequestRules.INVALID_NONCE),
                Arguments.of(
                        request("req-1", "M", ds, "p", "c", 1, EXPIRY, "0F".repeat(16)), RequestRules.INVALID_NONCE));
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThatCode(() -> RequestRules.validate(valid())).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void eachRuleHasItsCode(CollaborationRequest request, String code) {
        assertThatThrownBy(() -> RequestRules.validate(request))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo(code);
    }

    @Test
    void aSignatureCoversEveryFieldOfTheCanonicalForm() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = gen.generateKeyPair();
        CollaborationRequest request = valid();
        byte[] signature = Signatures.sign(keys.getPrivate(), request.canonicalBytes());

        CollaborationRequest parsed = CanonicalJson.read(CanonicalJson.write(request), CollaborationRequest.class);
        assertThat(Signatures.verify(keys.getPublic(), parsed.canonicalBytes(), signature))
                .isTrue();

        CollaborationRequest moreRounds = request(
                "req-001",
                "DataUserMSP",
                request.datasetIds(),
                request.purpose(),
                request.computation(),
                21,
                EXPIRY,
                NONCE);
        assertThat(Signatures.verify(keys.getPublic(), moreRounds.canonicalBytes(), signature))
                .isFalse();
    }
}
