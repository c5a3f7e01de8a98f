package org.fdcfabric.explorer.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdcfabric.explorer.chain.ChainSource;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.token.TokenInfo;

/** Token accounts and supply, with the conservation check: the balances (escrows included) add up to the supply. */
final class TokenPages {
    private final ChainSource chain;

    TokenPages(ChainSource chain) {
        this.chain = chain;
    }

    View tokens() {
        List<Balance> accounts = new ArrayList<>(chain.records().accounts());
        accounts.sort(Comparator.comparing(Balance::account));
        long sum = 0;
        for (Balance balance : accounts) {
            sum = Math.addExact(sum, balance.balance());
        }
        TokenInfo token = chain.records().token().orElse(null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("section", "tokens");
        model.put("accounts", accounts);
        model.put("sum", sum);
        model.put("initialized", token != null);
        if (token != null) {
            model.put("token", token);
            model.put("conserved", sum == token.totalSupply());
        }
        return View.ok("tokens", model);
    }
}
