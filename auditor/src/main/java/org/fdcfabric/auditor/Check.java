package org.fdcfabric.auditor;

import java.util.List;

/** One kind of audit over the chain as read. */
interface Check {
    List<Violation> run(ChainView view);
}
