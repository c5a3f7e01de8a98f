package org.fdcfabric.devnet.ledger;

import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.Page;

/**
 * Reads back every page the last commit wrote. MVStore rejects a chunk whose header or footer is torn, but a
 * chunk whose middle never reached the disk (out-of-order write-back before a power loss) would only fail later,
 * on first read; reading it at open turns that into a clean fall-back to the previous block.
 */
final class LastCommitCheck {
    private LastCommitCheck() {}

    /** Throws {@link MVStoreException} if a page of the newest chunk cannot be read. */
    static void verify(List<MVMap<?, ?>> maps) {
        int newest = -1;
        for (MVMap<?, ?> map : maps) {
            long pos = map.getRootPage().getPos();
            if (DataUtils.isPageSaved(pos)) {
                newest = Math.max(newest, DataUtils.getPageChunkId(pos));
            }
        }
        for (MVMap<?, ?> map : maps) {
            walk(map.getRootPage(), newest);
        }
    }

    private static void walk(Page<?, ?> page, int chunk) {
        if (page.isLeaf()) {
            return;
        }
        for (int i = 0; i < page.getRawChildPageCount(); i++) {
            long pos = page.getChildPagePos(i);
            if (DataUtils.isPageSaved(pos) && DataUtils.getPageChunkId(pos) == chunk) {
                walk(page.getChildPage(i), chunk);
            }
        }
    }
}
