package org.fdcfabric.auditor;

import java.math.BigInteger;
import java.util.List;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.token.Accounts;
import org.fdcfabric.protocol.token.Balance;

/**
 * Conservation: the balances of all wallets and escrows add up to the tokens minted, none is negative, each
 * unsettled job's escrow holds its offer and each settled one holds nothing.
 */
final class TokenCheck implements Check {
    private final ChainReader reader;

    TokenCheck(ChainReader reader) {
        this.reader = reader;
    }

    @Override
    public List<Violation> run(ChainView view) {
        Findings findings = new Findings(reader, ViolationKind.TOKEN_IMBALANCE);
        BigInteger sum = BigInteger.ZERO;
        for (Balance b : view.accounts()) {
            sum = sum.add(BigInteger.valueOf(b.balance()));
            if (b.balance() < 0) {
                findings.add(
                        Subjects.WALLET + b.account(),
                        findings.evidence().put("account", b.account()).put("balance", b.balance()),
                        "account " + b.account() + " has a negative balance");
            }
        }
        long minted = view.token() == null ? 0 : view.token().totalSupply();
        if (!sum.equals(BigInteger.valueOf(minted))) {
            findings.add(
                    Subjects.TOKEN,
                    findings.evidence()
                            .put("totalSupply", minted)
                            .put("sumOfBalances", sum)
                            .put("difference", sum.subtract(BigInteger.valueOf(minted)))
                            .put("accounts", view.accounts().size()),
                    "the wallets and escrows hold " + sum + " tokens but " + minted + " were minted");
        }
        for (TrainingJob job : view.jobs()) {
            String escrow = Accounts.escrowOf(job.jobId());
            long held = view.account(escrow).map(Balance::balance).orElse(0L);
            long expected = job.status().settled() ? 0 : job.offer().escrowAmount();
            if (held != expected) {
                findings.add(
                        Subjects.WALLET + escrow,
                        findings.evidence()
                                .put("jobId", job.jobId())
                                .put("status", job.status())
                                .put("escrowBalance", held)
                                .put("expected", expected),
                        "the escrow of " + job.status() + " job " + job.jobId() + " holds " + held + " tokens, not "
                                + expected);
            }
        }
        return findings.list();
    }
}
