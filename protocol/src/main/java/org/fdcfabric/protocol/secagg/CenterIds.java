package org.fdcfabric.protocol.secagg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.fdcfabric.protocol.InputChecks;

/** Centers are named by their organisation's MSP id; lists of them travel sorted and without repeats. */
final class CenterIds {
    private CenterIds() {}

    static String check(String centerId, String field) {
        return InputChecks.matches(centerId, InputChecks.MSP_ID, SecAggCodes.INVALID_CENTER_ID, field);
    }

    static List<String> sortedDistinct(List<String> ids, String field) {
        InputChecks.present(ids, SecAggCodes.INVALID_MESSAGE, field);
        List<String> copy = new ArrayList<>(ids.size());
        for (String id : ids) {
            copy.add(check(id, field));
        }
        InputChecks.require(
                new HashSet<>(copy).size() == copy.size(), SecAggCodes.INVALID_MESSAGE, field + " repeats a center");
        copy.sort(null);
        return List.copyOf(copy);
    }
}
