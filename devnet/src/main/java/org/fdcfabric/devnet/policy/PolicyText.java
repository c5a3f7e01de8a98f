package org.fdcfabric.devnet.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Compiles Fabric's signature-policy language ({@code fabric/common/policydsl}) into a {@code
 * SignaturePolicyEnvelope}: {@code AND(...)}, {@code OR(...)} and {@code OutOf(n, ...)} over nested expressions
 * and quoted principals {@code 'MSPID.role'} with role one of member, admin, client, peer, orderer. Each principal
 * occurrence becomes one entry of {@code identities}, referenced by {@code signed_by}.
 */
final class PolicyText {
    private static final Pattern PRINCIPAL =
            Pattern.compile("^([A-Za-z0-9.\\-_]+)\\.(member|admin|client|peer|orderer)$");
    private static final Map<String, MSPRole.MSPRoleType> ROLES = Map.of(
            "member", MSPRole.MSPRoleType.MEMBER,
            "admin", MSPRole.MSPRoleType.ADMIN,
            "client", MSPRole.MSPRoleType.CLIENT,
            "peer", MSPRole.MSPRoleType.PEER,
            "orderer", MSPRole.MSPRoleType.ORDERER);
    private static final int MAX_LENGTH = 4096;

    private final String text;
    private final List<MSPPrincipal> principals = new ArrayList<>();
    private int position;

    private PolicyText(String text) {
        this.text = text;
    }

    /** Compiles {@code policy}; throws {@link IllegalArgumentException} naming the position of the first error. */
    public static SignaturePolicyEnvelope compile(String policy) {
        if (policy == null || policy.isBlank() || policy.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("policy must be 1-" + MAX_LENGTH + " characters");
        }
        PolicyText parser = new PolicyText(policy);
        SignaturePolicy rule = parser.expression();
        parser.skipSpaces();
        if (parser.position != policy.length()) {
            throw parser.error("unexpected trailing text");
        }
        if (!rule.hasNOutOf()) {
            throw new IllegalArgumentException("policy must be AND, OR or OutOf, got a bare principal: " + policy);
        }
        return SignaturePolicyEnvelope.newBuilder()
                .setVersion(0)
                .setRule(rule)
                .addAllIdentities(parser.principals)
                .build();
    }

    private SignaturePolicy expression() {
        skipSpaces();
        if (peek() == '\'' || peek() == '"') {
            return principal();
        }
        int start = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        String function = text.substring(start, position).toLowerCase(Locale.ROOT);
        expect('(');
        int threshold = -1;
        if (function.equals("outof")) {
            threshold = integer();
            expect(',');
        } else if (!function.equals("and") && !function.equals("or")) {
            position = start;
            throw error("expected AND, OR, OutOf or a quoted principal");
        }
        List<SignaturePolicy> rules = new ArrayList<>();
        rules.add(expression());
        skipSpaces();
        while (peek() == ',') {
            position++;
            rules.add(expression());
            skipSpaces();
        }
        expect(')');
        int n =
                switch (function) {
                    case "and" -> rules.size();
                    case "or" -> 1;
                    default -> threshold;
                };
        if (n < 1 || n > rules.size()) {
            throw new IllegalArgumentException(
                    "OutOf threshold " + n + " must be between 1 and the " + rules.size() + " sub-policies");
        }
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(rules))
                .build();
    }

    private SignaturePolicy principal() {
        char quote = text.charAt(position++);
        int end = text.indexOf(quote, position);
        if (end < 0) {
            throw error("unterminated principal");
        }
        String value = text.substring(position, end);
        Matcher matcher = PRINCIPAL.matcher(value);
        if (!matcher.matches()) {
            throw error(
                    "principal '" + value + "' must be 'MSPID.role' with role member, admin, client, peer or orderer");
        }
        position = end + 1;
        principals.add(MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier(matcher.group(1))
                        .setRole(ROLES.get(matcher.group(2)))
                        .build()
                        .toByteString())
                .build());
        return SignaturePolicy.newBuilder().setSignedBy(principals.size() - 1).build();
    }

    private int integer() {
        skipSpaces();
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (start == position || position - start > 4) {
            throw error("expected a threshold number");
        }
        return Integer.parseInt(text.substring(start, position));
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at position " + position + " of policy: " + text);
    }
}
