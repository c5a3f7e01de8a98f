package org.fdcfabric.datacenter.store.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.fdcfabric.datacenter.store.TableManifest;
import org.fdcfabric.datacenter.store.TableStore;
import org.fdcfabric.learning.tabular.TabularCsvException;
import org.fdcfabric.learning.tabular.TabularCsvOptions;
import org.fdcfabric.learning.tabular.TabularCsvReader;
import org.fdcfabric.learning.tabular.TabularCsvReport;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * Imports a CSV file as a dataset's table, all or nothing: the rows are read and sealed in one streaming pass and
 * the table replaces the dataset's previous one only if every row fit the schema. A refused file (a bad row, a
 * header lacking a column, text that is not CSV) leaves the store as it was.
 */
public final class TableImporter {
    /** How often (in rows) the progress listener hears of the import. */
    public static final int PROGRESS_EVERY_ROWS = 50_000;

    /** Hears how far an import got: bytes of the file read and rows staged. */
    @FunctionalInterface
    public interface Progress {
        void update(long bytesRead, long rows);

        Progress NONE = (bytes, rows) -> {};
    }

    /**
     * What an import did.
     *
     * @param report the reader's count of rows and the first refused ones
     * @param stored the new table's manifest; empty when the file was refused
     */
    public record Outcome(TabularCsvReport report, Optional<TableManifest> stored) {}

    private final TableStore tables;

    public TableImporter(TableStore tables) {
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /**
     * @throws TabularCsvException if the file cannot be read as the schema's table at all; nothing was stored
     */
    public Outcome importFile(
            String datasetId, Path csv, UclSchema schema, TabularCsvOptions options, Progress progress) {
        TabularCsvReader reader = new TabularCsvReader(schema, options);
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(csv));
                TableStore.TableImport table = tables.begin(datasetId, schema)) {
            TabularCsvReport report = reader.read(in, (cells, label) -> {
                table.add(cells, label);
                if (table.rows() % PROGRESS_EVERY_ROWS == 0) {
                    progress.update(in.count(), table.rows());
                }
            });
            progress.update(in.count(), table.rows());
            if (report.refused() > 0 || report.accepted() == 0) {
                return new Outcome(report, Optional.empty());
            }
            return new Outcome(
                    report, Optional.of(table.commit(csv.getFileName().toString())));
        } catch (NoSuchFileException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "no such file: " + csv);
        } catch (AccessDeniedException e) {
            throw new TabularCsvException(TabularCsvException.Code.NO_SUCH_FILE, "not allowed to read " + csv);
        } catch (IOException e) {
            throw new TabularCsvException(
                    TabularCsvException.Code.UNREADABLE, "reading " + csv + " failed: " + e.getMessage(), e);
        }
    }

    /** Counts the bytes read through it, for progress against the file's size. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
