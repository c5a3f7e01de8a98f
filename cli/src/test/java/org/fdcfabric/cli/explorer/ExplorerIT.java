package org.fdcfabric.cli.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdcfabric.auditor.gateway.GatewayChainReader;
import org.fdcfabric.cli.CliContext;
import org.fdcfabric.cli.Connector;
import org.fdcfabric.cli.Fdc;
import org.fdcfabric.cli.RunningDevnet;
import org.fdcfabric.cli.demo.DemoLayout;
import org.fdcfabric.cli.demo.DemoNetwork;
import org.fdcfabric.client.connection.FdcConnection;
import org.fdcfabric.explorer.chain.GatewaySource;
import org.fdcfabric.explorer.web.ExplorerServer;
import org.fdcfabric.protocol.job.JobStatus;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.json.CanonicalJson;
import org.fdcfabric.protocol.merkle.MerkleTree;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.Terms;
import org.fdcfabric.protocol.ucl.UclDraft;
import org.fdcfabric.protocol.ucl.UclSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in headless Chromium against a devnet on which a reduced {@code fdc demo} completed a job (2
 * institutions, 2 rounds), read as the demo's auditor: every view shows the chain's values, a UCL name carrying
 * markup is shown as text, search finds ids, a new block arrives without reloading, and a trail altered on its way
 * from the chain shows as failed. Screenshots of the main views are written to {@code target/explorer-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerIT {
    private static final int INSTITUTIONS = 2;
    private static final int ROUNDS = 2;
    private static final String AUDITOR = "frank";
    private static final String PROVIDER = "provider1-owner";
    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><b id=\"injected\">bold</b>";
    private static final String MARKED_DATASET = "markup.test";
    /** Page loads and live updates on this shared 2-core machine: generous, the happy path takes a second. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private Path screenshots;
    private RunningDevnet devnet;
    private FdcConnection auditor;
    private FdcConnection provider;
    private ExplorerServer explorer;
    private ExplorerServer tampered;
    private ChromeDriver browser;
    private TrainingJob job;
    private List<String> records;

    @BeforeAll
    void runTheDemoAndServeTheExplorer() throws Exception {
        Path root = RunningDevnet.projectRoot();
        Path dir = Files.createTempDirectory("fdc-explorer-it").resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                Connector.gateway(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of(),
                Clock.systemUTC(),
                new SecureRandom());
        int exit = Fdc.commandLine(context)
                .execute(
                        "demo",
                        "--dir",
                        dir.toString(),
                        "--root",
                        root.toString(),
                        "--institutions",
                        Integer.toString(INSTITUTIONS),
                        "--rounds",
                        Integer.toString(ROUNDS),
                        "--subjects",
                        "3",
                        "--keep",
                        "--no-progress");
        assertThat(exit).as(err.toString() + out).isZero();
        devnet = RunningDevnet.start(DemoNetwork.config(root, INSTITUTIONS), dir.resolve(DemoLayout.DEVNET));
        closing.add(devnet);
        auditor = devnet.as(AUDITOR);
        provider = devnet.as(PROVIDER);
        job = auditor.jobs().jobs(10, "").jobs().get(0);
        registerDatasetWithMarkup();

        explorer = ExplorerServer.start(GatewaySource.over(auditor), AUDITOR, "127.0.0.1", 0, Optional.empty());
        closing.add(explorer);
        String jobSubject = "job:" + job.jobId();
        tampered = ExplorerServer.start(
                new GatewaySource(
                        new TamperedTrail(GatewayChainReader.over(auditor), jobSubject),
                        auditor.passes(),
                        List.of(auditor.registrationLedger(), auditor.collaborationLedger())),
                AUDITOR,
                "127.0.0.1",
                0,
                Optional.empty());
        closing.add(tampered);

        screenshots = Path.of("target", "explorer-screenshots");
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("explorer.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("explorer.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        closing.add(browser::quit);
    }

    @AfterAll
    void stop() {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    /** A dataset whose name is markup, with three records whose Merkle root it registers. */
    private void registerDatasetWithMarkup() throws Exception {
        records = List.of("{\"r\":0}", "{\"r\":1}", "{\"r\":2}");
        MerkleTree tree = MerkleTree.of(
                records.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList());
        provider.registration().register(draft(MARKED_DATASET, MARKUP, tree.rootHex(), records.size()));
        proof = CanonicalJson.write(Map.of(
                "datasetId", MARKED_DATASET,
                "record", records.get(1),
                "proof", tree.proof(1),
                "merkleRoot", tree.rootHex()));
    }

    private String proof;

    private static UclDraft draft(String id, String name, String merkleRoot, long records) {
        return new UclDraft(
                id,
                name,
                "markup in the <i>profile</i> too",
                new UclSchema(
                        List.of(new FeatureSpec("x000", FeatureType.NUMERIC)),
                        new LabelSpec("activity", List.of("eating", "sleeping")),
                        Task.CLASSIFICATION),
                records,
                merkleRoot,
                records,
                "grpcs://dc.markup.example:7443",
                new Terms(1));
    }

    /** How many distinct metrics the job's rounds recorded on chain. */
    private int metricCount() {
        try {
            return (int) auditor.jobs().rounds(job.jobId(), 100, "").rounds().stream()
                    .flatMap(round -> round.metrics().keySet().stream())
                    .distinct()
                    .count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String url(ExplorerServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private void open(String path) {
        browser.get(url(explorer, path));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void screenshot(String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    @Nested
    class Views {
        @Test
        void networkShowsEachChannelsHeightAndNewestTransactions() throws Exception {
            open("/");
            for (var ledger : List.of(auditor.registrationLedger(), auditor.collaborationLedger())) {
                WebElement section =
                        browser.findElement(By.cssSelector("section[data-channel='" + ledger.channel() + "']"));
                long height = Long.parseLong(
                        section.findElement(By.cssSelector(".height")).getText());
                assertThat(height).isEqualTo(ledger.chainInfo().getHeight());
                assertThat(section.findElement(By.cssSelector(".hash")).getText())
                        .isEqualTo(HexFormat.of()
                                .formatHex(
                                        ledger.chainInfo().getCurrentBlockHash().toByteArray()));
            }
            assertThat(browser.findElements(By.cssSelector("td .ok"))).isNotEmpty();
            screenshot("network");
        }

        @Test
        void theJobShowsStatusRoundsChartPayoutsAndRefund() throws Exception {
            open("/jobs/" + job.jobId());
            assertThat(text("#job-status")).isEqualTo(JobStatus.COMPLETED.name());
            assertThat(browser.findElements(By.cssSelector("#rounds tbody tr"))).hasSize(ROUNDS);
            long refund = job.settlement().payouts().stream()
                    .filter(p -> p.kind() == PayoutKind.REFUND)
                    .mapToLong(p -> p.amount())
                    .sum();
            assertThat(text("#refund")).isEqualTo(Long.toString(refund));
            assertThat(browser.findElements(By.cssSelector("#payouts tbody tr")))
                    .hasSize(job.settlement().payouts().size());
            // one chart per metric the rounds recorded, each drawn by Chart.js with one point per round
            Object charted = ((JavascriptExecutor) browser)
                    .executeScript("return Array.from(document.querySelectorAll('canvas[data-chart]'))"
                            + ".map(c => Chart.getChart(c).data.datasets[0].data.length)");
            assertThat((List<?>) charted).isNotEmpty().hasSize(metricCount()).allSatisfy(n -> assertThat(
                            ((Number) n).intValue())
                    .isEqualTo(ROUNDS));
            screenshot("job");
            ((JavascriptExecutor) browser)
                    .executeScript("document.querySelector('canvas[data-chart]').scrollIntoView({block: 'center'})");
            screenshot("job-chart");
        }

        @Test
        void datasetsShowTheCatalogueAndAMarkupNameAsText() throws Exception {
            open("/datasets");
            for (var ucl : auditor.registration().list(null, 100, "").datasets()) {
                assertThat(browser.findElement(By.linkText(ucl.id()))).isNotNull();
            }
            screenshot("datasets");
            open("/datasets/" + MARKED_DATASET);
            assertThat(text("#ucl-name")).isEqualTo(MARKUP);
            assertThat(browser.findElements(By.id("injected"))).isEmpty();
            assertThat(browser.getTitle()).doesNotContain("pwned");
            assertThat(text("#merkle-root"))
                    .isEqualTo(auditor.registration()
                            .dataset(MARKED_DATASET)
                            .orElseThrow()
                            .merkleRoot());
        }

        @Test
        void aPastedProofIsCheckedAgainstTheRootOnChain() {
            open("/datasets/" + MARKED_DATASET);
            browser.findElement(By.id("proof")).sendKeys(proof);
            browser.findElement(By.cssSelector("form.proof button")).click();
            waiting().until(d -> !d.findElements(By.id("proof-result")).isEmpty());
            assertThat(text("#proof-result")).startsWith("VALID: record 1 is in " + MARKED_DATASET);
            open("/datasets/" + MARKED_DATASET);
            browser.findElement(By.id("proof")).sendKeys(proof.replace("{\\\"r\\\":1}", "{\\\"r\\\":9}"));
            browser.findElement(By.cssSelector("form.proof button")).click();
            waiting().until(d -> !d.findElements(By.id("proof-result")).isEmpty());
            assertThat(text("#proof-result")).startsWith("INVALID: record 1");
        }

        @Test
        void tokensShowTheSupplyAndConservation() throws Exception {
            open("/tokens");
            assertThat(text("#supply")).isEqualTo(Long.toString(auditor.tokens().totalSupply()));
            assertThat(text("#conservation")).startsWith("holds");
            screenshot("tokens");
        }

        @Test
        void requestsAndPassesListEveryGrantedPass() throws Exception {
            open("/requests");
            for (var participant : job.participants()) {
                assertThat(browser.findElement(By.linkText(participant.passId())))
                        .isNotNull();
            }
            browser.findElement(By.linkText(job.participants().get(0).passId())).click();
            assertThat(browser.getCurrentUrl())
                    .endsWith("/passes/" + job.participants().get(0).passId());
            screenshot("pass");
        }

        @Test
        void auditVerifiesEveryTrailAndATamperedOneFails() throws Exception {
            open("/audit");
            List<WebElement> results = browser.findElements(By.cssSelector("#trails tbody td span"));
            assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r.getText())
                    .isEqualTo("verified"));
            assertThat(text("#verdict")).startsWith("CLEAN");
            screenshot("audit");
            browser.get(url(tampered, "/audit"));
            WebElement row =
                    browser.findElement(By.xpath("//table[@id='trails']//tr[td/a[text()='job:" + job.jobId() + "']]"));
            assertThat(row.getText()).contains("FAILED: entry 0");
            assertThat(text("#verdict")).startsWith("VIOLATIONS");
            // the finding names the trail and links its evidence (the altered entry's transaction)
            assertThat(browser.findElements(By.cssSelector(".findings a[href^='/tx/']")))
                    .isNotEmpty();
            screenshot("audit-tampered");
        }
    }

    @Nested
    class Navigation {
        @Test
        void searchFindsAJobATransactionAndABlock() {
            open("/");
            WebElement search = browser.findElement(By.id("q"));
            search.sendKeys(job.jobId(), Keys.ENTER);
            waiting().until(d -> d.getCurrentUrl().endsWith("/jobs/" + job.jobId()));
            String txId = job.settlement().txId();
            browser.findElement(By.id("q")).sendKeys(txId, Keys.ENTER);
            waiting().until(d -> d.getCurrentUrl().endsWith("/tx/" + txId));
            assertThat(browser.getPageSource()).contains("VALID");
            browser.findElement(By.id("q")).sendKeys("no-such-id", Keys.ENTER);
            waiting().until(d -> !d.findElements(By.id("not-found")).isEmpty());
        }

        @Test
        void theKeyboardReachesTheSkipLinkFirstAndEveryControlIsLabelled() {
            open("/");
            new Actions(browser).sendKeys(Keys.TAB).perform();
            assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.textContent"))
                    .isEqualTo("Skip to content");
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.id"))
                    .isEqualTo("main");
            for (WebElement input : browser.findElements(By.cssSelector("input, textarea"))) {
                String id = input.getAttribute("id");
                assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']")))
                        .isNotEmpty();
            }
        }

        @Test
        void aPhoneWidthPageDoesNotScrollSideways() throws Exception {
            browser.manage().window().setSize(new Dimension(390, 844));
            try {
                open("/jobs/" + job.jobId());
                Object overflow = ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
                screenshot("job-phone");
            } finally {
                browser.manage().window().setSize(new Dimension(1280, 800));
            }
        }

        @Test
        void aNewBlockArrivesWithoutReloading() {
            open("/");
            waiting().until(d -> d.findElement(By.id("live")).getText().startsWith("Live updates: on"));
            String marker = (String) ((JavascriptExecutor) browser)
                    .executeScript("window.__sameDocument = 'yes'; return window.__sameDocument;");
            assertThat(marker).isEqualTo("yes");
            String txId;
            try {
                txId = provider.registration()
                        .register(draft("live.test", "live", "ab".repeat(32), 1))
                        .transactionId();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            waiting().until(d -> d.getPageSource().contains(txId));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument"))
                    .isEqualTo("yes");
        }
    }
}
