package org.fdcfabric.explorer.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fdcfabric.explorer.chain.ChainSource;
import org.fdcfabric.protocol.job.Payout;
import org.fdcfabric.protocol.job.PayoutKind;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;

/** The jobs list and one job: escrow, participants, rounds with their metric curves, absences, flags, payouts. */
final class JobPages {
    private final ChainSource chain;
    private final ObjectMapper json = new ObjectMapper();

    JobPages(ChainSource chain) {
        this.chain = chain;
    }

    View jobs() {
        List<TrainingJob> jobs = new ArrayList<>(chain.records().jobs());
        jobs.sort(Comparator.comparing(TrainingJob::jobId));
        return View.ok("jobs", Map.of("section", "jobs", "jobs", jobs));
    }

    Optional<TrainingJob> find(String jobId) {
        return chain.records().jobs().stream()
                .filter(job -> job.jobId().equals(jobId))
                .findFirst();
    }

    View job(String jobId) {
        Optional<TrainingJob> job = find(jobId);
        if (job.isEmpty()) {
            return View.notFound("job " + jobId);
        }
        List<RoundRecord> rounds = new ArrayList<>(chain.records().rounds(jobId));
        rounds.sort(Comparator.comparingLong(RoundRecord::round));
        List<Payout> payouts = job.get().settlement() == null
                ? List.of()
                : job.get().settlement().payouts();
        long refund = payouts.stream()
                .filter(p -> p.kind() == PayoutKind.REFUND)
                .mapToLong(Payout::amount)
                .sum();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("section", "jobs");
        model.put("job", job.get());
        model.put("rounds", rounds);
        model.put("metricNames", metricNames(rounds));
        model.put("chart", chartData(rounds));
        model.put("payouts", payouts);
        model.put("refund", refund);
        return View.ok("job", model);
    }

    private static List<String> metricNames(List<RoundRecord> rounds) {
        TreeSet<String> names = new TreeSet<>();
        rounds.forEach(round -> names.addAll(round.metrics().keySet()));
        return List.copyOf(names);
    }

    /**
     * The curves as JSON for Chart.js: the round numbers and one series per metric. It is put into a {@code data-}
     * attribute, so Thymeleaf escapes it and the page's script reads it with {@code JSON.parse}; no chain value is
     * ever written into script text.
     */
    private String chartData(List<RoundRecord> rounds) {
        ObjectNode root = json.createObjectNode();
        ArrayNode labels = root.putArray("rounds");
        rounds.forEach(round -> labels.add(round.round()));
        ObjectNode series = root.putObject("series");
        for (String name : metricNames(rounds)) {
            ArrayNode values = series.putArray(name);
            for (RoundRecord round : rounds) {
                BigDecimal value = round.metrics().get(name);
                if (value == null) {
                    values.addNull();
                } else {
                    values.add(value.doubleValue());
                }
            }
        }
        return root.toString();
    }
}
