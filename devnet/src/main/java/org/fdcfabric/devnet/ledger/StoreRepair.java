package org.fdcfabric.devnet.ledger;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import org.h2.mvstore.MVStoreTool;

/**
 * Brings a damaged store back to its newest commit that reads back completely: MVStore writes a copy of an older
 * version, the ledger's own checks accept or reject it, and the damaged file is kept beside it for inspection.
 */
final class StoreRepair {
    private static final System.Logger LOG = System.getLogger(StoreRepair.class.getName());
    private static final int MAX_COMMITS_BACK = 3;

    private StoreRepair() {}

    /** {@code check} opens a candidate file and throws if it is not a consistent ledger. */
    static void rollBackToLastGoodCommit(Path file, Consumer<Path> check) {
        Path candidate = file.resolveSibling(file.getFileName() + ".temp");
        long version = Long.MAX_VALUE;
        RuntimeException lastFailure = null;
        for (int attempt = 0; attempt <= MAX_COMMITS_BACK && version >= 0; attempt++) {
            try {
                // MVStoreTool.rollback writes the newest readable version <= version to <file>.temp.
                version = MVStoreTool.rollback(file.toString(), version, new StringWriter());
                check.accept(candidate);
                Path damaged = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
                Files.move(file, damaged);
                Files.move(candidate, file, StandardCopyOption.ATOMIC_MOVE);
                LOG.log(
                        Level.WARNING,
                        "ledger rolled back to store version {0}; damaged file kept as {1}",
                        version,
                        damaged);
                return;
            } catch (IOException e) {
                throw new LedgerException("cannot replace the damaged ledger file " + file, e);
            } catch (RuntimeException e) {
                lastFailure = e;
                version--;
            }
        }
        throw new LedgerException(
                "no readable commit found in the last " + MAX_COMMITS_BACK + " of " + file, lastFailure);
    }
}
