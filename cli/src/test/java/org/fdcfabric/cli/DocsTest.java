package org.fdcfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fdcfabric.learning.training.ModelFamily;
import org.fdcfabric.protocol.job.JobOffer;
import org.fdcfabric.protocol.job.JobRules;
import org.fdcfabric.protocol.job.TrainingTerms;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docs/client.md against the command tree and the exit-code table; the example files against the real parsers. */
class DocsTest {
    private static Path repository;
    private static String clientDoc;

    @BeforeAll
    static void locateRepository() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/client.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with docs/client.md").isNotNull();
        repository = dir;
        clientDoc = Files.readString(dir.resolve("docs/client.md"));
    }

    @Test
    void clientDocNamesEveryCommand() {
        List<String> missing = HelpTreeTest.commands().stream()
                .filter(command -> command.getSubcommands().isEmpty())
                .map(CommandLine::getCommandSpec)
                .map(spec -> spec.qualifiedName())
                .filter(name -> !clientDoc.contains("`" + name + "`") && !clientDoc.contains("`" + name + " "))
                .toList();

        assertThat(missing).as("commands docs/client.md does not list").isEmpty();
    }

    @Test
    void clientDocListsTheExitCodeTable() {
        ExitCodes.TABLE.forEach(
                (code, meaning) -> assertThat(clientDoc).contains("| " + code + " | " + meaning + " |"));
    }

    @Test
    void theExampleDraftIsAValidUclDraft() {
        UclDraft draft = Json.readFile(repository.resolve("docs/examples/draft.json"), UclDraft.class, "INVALID_UCL");

        UclRules.validate(draft);
        assertThat(draft.schema().task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(draft.schema().features()).isNotEmpty();
    }

    @Test
    void theExampleOfferIsAValidJobOffer() {
        JobOffer offer = Json.readFile(repository.resolve("docs/examples/offer.json"), JobOffer.class, "INVALID_JOB");

        JobRules.validateOffer(offer);
        // what the compute node reads from the offer: a family it trains and every term it needs
        ModelFamily.fromWireName(offer.model().family());
        TrainingTerms.fromModelSpec(offer.model());
        assertThat(offer.escrowAmount()).isEqualTo(offer.providerCap() + offer.computeFee());
        assertThat(offer.model().hyperparameters()).isNotEmpty();
    }
}
