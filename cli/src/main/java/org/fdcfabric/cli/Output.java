package org.fdcfabric.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.fdcfabric.client.tx.Committed;
import org.fdcfabric.protocol.json.CanonicalJson;

/**
 * Prints a command's result: canonical JSON with {@code --json}, otherwise text for people. Text output is built
 * as label/value fields so that every command lines up the same way.
 */
public final class Output {
    private final PrintWriter out;
    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** Prints {@code value} as JSON, or, for people, the fields {@code human} lists. */
    public void print(Object value, Fields human) {
        if (json) {
            out.println(CanonicalJson.write(value));
        } else {
            human.printTo(out);
        }
        out.flush();
    }

    /** A committed transaction: its result followed by where it landed. */
    public <T> void committed(Committed<T> committed, Fields human) {
        print(
                committed,
                human.add("transaction", committed.transactionId())
                        .add("block", committed.blockNumber())
                        .addIf(committed.attempts() > 1, "attempts", committed.attempts()));
    }

    public static Fields fields(String title) {
        return new Fields(title);
    }

    /** A title line and aligned {@code label: value} lines; absent values are left out. */
    public static final class Fields {
        private final String title;
        private final List<String[]> rows = new ArrayList<>();
        private final List<String> trailer = new ArrayList<>();

        private Fields(String title) {
            this.title = title;
        }

        public Fields add(String label, Object value) {
            if (value != null) {
                rows.add(new String[] {label, String.valueOf(value)});
            }
            return this;
        }

        public Fields addIf(boolean condition, String label, Object value) {
            return condition ? add(label, value) : this;
        }

        /** Free lines after the fields (for example a table of entries). */
        public Fields then(String line) {
            trailer.add(line);
            return this;
        }

        void printTo(PrintWriter out) {
            if (title != null) {
                out.println(title);
            }
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] row : rows) {
                out.println("  " + row[0] + ":" + " ".repeat(width - row[0].length() + 1) + row[1]);
            }
            trailer.forEach(out::println);
        }
    }
}
