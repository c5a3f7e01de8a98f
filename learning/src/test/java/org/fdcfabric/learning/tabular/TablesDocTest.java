package org.fdcfabric.learning.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.ucl.UclRules;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.Test;

/** The example schema and CSV of {@code docs/tables.md} are valid and behave as the page says. */
class TablesDocTest {
    private static String block(String page, String marker) {
        int at = page.indexOf("<!-- " + marker + " -->");
        assertThat(at).as("marker %s in docs/tables.md", marker).isNotNegative();
        int open = page.indexOf('\n', page.indexOf("```", at)) + 1;
        return page.substring(open, page.indexOf("```", open));
    }

    @Test
    void theExampleSchemaIsValidAndReadsTheExampleCsvAsDocumented() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "tables.md"));
        UclSchema schema = CanonicalJson.read(block(page, "example-schema"), UclSchema.class);
        UclRules.schema(schema);

        TabularRows.Builder rows = TabularRows.builder(schema);
        TabularCsvReport report = new TabularCsvReader(schema, TabularCsvOptions.defaults())
                .read(new ByteArrayInputStream(block(page, "example-csv").getBytes(StandardCharsets.UTF_8)), rows::add);
        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.ignoredColumns()).containsExactly("stay_id");
        assertThat(report.firstRefused())
                .extracting(TabularCsvReport.RefusedRow::toString)
                .containsExactly(
                        "line 5: column 'ward' has 'west', not among its 2 categories",
                        "line 6: column 'dose_mg' is missing and its missing policy is REFUSE (declare MEAN or"
                                + " MOST_FREQUENT to impute)");
        assertThat(rows.build().cell(1, 0)).isNaN();
    }
}
