package org.fdcfabric.datacenter.governance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fdcfabric.datacenter.device.SensorModel;
import org.fdcfabric.datacenter.store.ImportIssue;
import org.fdcfabric.datacenter.store.Reading;
import org.fdcfabric.protocol.ucl.FeatureSpec;
import org.fdcfabric.protocol.ucl.FeatureType;
import org.fdcfabric.protocol.ucl.LabelSpec;
import org.fdcfabric.protocol.ucl.Task;
import org.fdcfabric.protocol.ucl.UclSchema;

/**
 * FDC's governance of acceleration streams into one labelled dataset: import account, cleaning,
 * desensitization, labelling, windowing and standardization, in that order, each step counted in the report.
 * Pure and deterministic: the same inputs and pseudonym key give the same dataset, byte for byte.
 */
public final class GovernancePipeline {
    public static final String IMPORT = "import";
    public static final String DESENSITIZATION = "desensitization";
    public static final String LABELLING = "labelling";
    public static final String WINDOWING = "windowing";
    public static final String STANDARDIZATION = "standardization";
    public static final String LABEL = "activity";

    private static final Set<SensorModel> ACCELEROMETERS = Set.of(SensorModel.ADXL345, SensorModel.FDC_WEARABLE);

    private final ReadingCleaner cleaner;
    private final Pseudonymizer pseudonymizer;
    private final Windower windower;

    public GovernancePipeline(ReadingCleaner cleaner, Pseudonymizer pseudonymizer, Windower windower) {
        this.cleaner = cleaner;
        this.pseudonymizer = pseudonymizer;
        this.windower = windower;
    }

    public GovernedDataset govern(String datasetId, List<GovernanceInput> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("dataset " + datasetId + ": no stream to govern");
        }
        for (GovernanceInput input : inputs) {
            if (!ACCELEROMETERS.contains(input.stream().model())) {
                throw new IllegalArgumentException("stream " + input.stream().id() + " holds "
                        + input.stream().model() + " readings, which have no acceleration axes to window");
            }
        }
        List<GovernanceStep> steps = new ArrayList<>();
        importStep(inputs).ifPresent(steps::add);

        List<Reading> clean = new ArrayList<>();
        List<GovernanceStep> cleaning = new ArrayList<>();
        for (GovernanceInput input : inputs) {
            ReadingCleaner.Result result = cleaner.clean(input.stream(), input.readings());
            clean.addAll(result.kept());
            cleaning.add(result.step());
        }
        steps.add(merge(ReadingCleaner.STEP, "readings", cleaning));

        Map<String, String> pseudonyms = new TreeMap<>();
        List<AccelerationReading> seconds = new ArrayList<>(clean.size());
        for (Reading r : clean) {
            String pseudonym = pseudonyms.computeIfAbsent(r.subject(), pseudonymizer::pseudonym);
            seconds.add(new AccelerationReading(
                    pseudonym, Math.floorDiv(r.timestampMillis(), 1000), r.value(0), r.value(1), r.value(2)));
        }
        List<ActivityLogEntry> log = new ArrayList<>();
        for (GovernanceInput input : inputs) {
            for (ActivityLogEntry e : input.log()) {
                String pseudonym = pseudonyms.computeIfAbsent(e.subjectId(), pseudonymizer::pseudonym);
                log.add(new ActivityLogEntry(pseudonym, e.startEpochSecond(), e.endEpochSecond(), e.activity()));
            }
        }
        steps.add(desensitizationStep(inputs, pseudonyms.size()));
        steps.add(labellingStep(seconds, log));

        List<LabelledWindow> windows = windower.windows(seconds, log);
        steps.add(windowingStep(seconds, log, windows));

        List<double[]> rows = windows.stream().map(LabelledWindow::features).toList();
        Standardization standardization = Standardization.fit(windower.featureNames(), rows);
        List<DatasetRecord> records = new ArrayList<>(windows.size());
        int i = 0;
        for (var scaled : standardization.apply(rows)) {
            LabelledWindow w = windows.get(i++);
            records.add(new DatasetRecord(
                    w.subjectId(), w.startEpochSecond(), w.activity().label(), scaled));
        }
        steps.add(new GovernanceStep(
                STANDARDIZATION,
                "windows",
                records.size(),
                0,
                Map.of(),
                List.of(
                        "z-score per feature over " + records.size()
                                + " windows; means and deviations stored with the dataset",
                        "a feature without variance keeps deviation 1 and maps to 0")));

        GovernanceReport report = new GovernanceReport(
                datasetId, inputs.stream().map(in -> in.stream().id()).toList(), steps);
        return new GovernedDataset(datasetId, schema(), standardization, report, records);
    }

    /** The dataset's schema: the window's features in vector order and FDC's four activity classes. */
    public UclSchema schema() {
        List<FeatureSpec> features = windower.featureNames().stream()
                .map(name -> new FeatureSpec(name, FeatureType.NUMERIC))
                .toList();
        List<String> classes =
                Arrays.stream(Activity.values()).map(Activity::label).toList();
        return new UclSchema(features, new LabelSpec(LABEL, classes), Task.CLASSIFICATION);
    }

    private static Optional<GovernanceStep> importStep(List<GovernanceInput> inputs) {
        List<GovernanceStep> parts = new ArrayList<>();
        for (GovernanceInput input : inputs) {
            input.imported().ifPresent(report -> {
                Map<String, Long> dropped = new TreeMap<>();
                report.droppedByKind().forEach((kind, n) -> dropped.put(reason(kind), n));
                List<String> notes = report.issues().stream()
                        .map(issue -> report.source() + " " + issue.message())
                        .toList();
                parts.add(
                        new GovernanceStep(IMPORT, "rows", report.rowsStored(), report.rowsDropped(), dropped, notes));
            });
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(merge(IMPORT, "rows", parts));
    }

    private static String reason(ImportIssue.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static GovernanceStep desensitizationStep(List<GovernanceInput> inputs, int subjects) {
        List<String> identifierColumns = inputs.stream()
                .flatMap(in -> in.imported().stream())
                .flatMap(r -> r.droppedIdentifierColumns().stream())
                .distinct()
                .sorted()
                .toList();
        List<String> notes = new ArrayList<>();
        notes.add(
                identifierColumns.isEmpty()
                        ? "no direct identifier columns in the sources"
                        : "direct identifier columns dropped at import, never stored: " + identifierColumns);
        notes.add(subjects + " subject ids replaced by HMAC-SHA256 pseudonyms keyed by this center's keystore");
        return new GovernanceStep(DESENSITIZATION, "subjects", subjects, 0, Map.of(), notes);
    }

    private static GovernanceStep labellingStep(List<AccelerationReading> seconds, List<ActivityLogEntry> log) {
        Map<String, List<ActivityLogEntry>> bySubject = new HashMap<>();
        for (ActivityLogEntry e : log) {
            bySubject.computeIfAbsent(e.subjectId(), s -> new ArrayList<>()).add(e);
        }
        bySubject.values().forEach(l -> l.sort(Comparator.comparingLong(ActivityLogEntry::startEpochSecond)));
        long labelled = 0;
        for (AccelerationReading r : seconds) {
            if (covered(bySubject.getOrDefault(r.subjectId(), List.of()), r.epochSecond())) {
                labelled++;
            }
        }
        long unlabelled = seconds.size() - labelled;
        return new GovernanceStep(
                LABELLING,
                "readings",
                labelled,
                unlabelled,
                unlabelled == 0 ? Map.of() : Map.of("outside-logged-activity", unlabelled),
                List.of(log.size()
                        + " activity log entries; readings outside every entry (FDC: teaching) have no label"));
    }

    private static boolean covered(List<ActivityLogEntry> entries, long second) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ActivityLogEntry e = entries.get(mid);
            if (second < e.startEpochSecond()) {
                hi = mid - 1;
            } else if (second >= e.endEpochSecond()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private GovernanceStep windowingStep(
            List<AccelerationReading> seconds, List<ActivityLogEntry> log, List<LabelledWindow> windows) {
        Set<String> withReadings = new HashSet<>();
        seconds.forEach(r -> withReadings.add(r.subjectId()));
        long candidates = 0;
        long withoutReadings = 0;
        for (ActivityLogEntry e : log) {
            long n = (e.endEpochSecond() - e.startEpochSecond()) / windower.windowSeconds();
            if (withReadings.contains(e.subjectId())) {
                candidates += n;
            } else {
                withoutReadings += n;
            }
        }
        long incomplete = candidates - windows.size();
        Map<String, Long> dropped = new TreeMap<>();
        if (incomplete > 0) {
            dropped.put("missing-seconds", incomplete);
        }
        if (withoutReadings > 0) {
            dropped.put("subject-without-readings", withoutReadings);
        }
        return new GovernanceStep(
                WINDOWING,
                "windows",
                windows.size(),
                incomplete + withoutReadings,
                dropped,
                List.of(
                        windower.windowSeconds() + " one-second means x 3 axes = " + windower.featureCount()
                                + " features",
                        "windows start at each logged activity and never span two; a window with a missing second is dropped"));
    }

    private static GovernanceStep merge(String name, String unit, List<GovernanceStep> parts) {
        long kept = 0;
        long dropped = 0;
        Map<String, Long> droppedBy = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (GovernanceStep part : parts) {
            kept += part.kept();
            dropped += part.dropped();
            part.droppedBy().forEach((reason, n) -> droppedBy.merge(reason, n, Long::sum));
            for (String note : part.notes()) {
                if (notes.size() < GovernanceStep.MAX_NOTES) {
                    notes.add(note);
                }
            }
        }
        return new GovernanceStep(name, unit, kept, dropped, droppedBy, notes);
    }
}
