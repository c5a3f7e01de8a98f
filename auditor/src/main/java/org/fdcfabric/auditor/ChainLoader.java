package org.fdcfabric.auditor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdcfabric.protocol.audit.AuditEntry;
import org.fdcfabric.protocol.audit.Subjects;
import org.fdcfabric.protocol.job.Participant;
import org.fdcfabric.protocol.job.RoundParticipant;
import org.fdcfabric.protocol.job.RoundRecord;
import org.fdcfabric.protocol.job.TrainingJob;
import org.fdcfabric.protocol.pass.AccessPass;
import org.fdcfabric.protocol.pass.RequestRecord;
import org.fdcfabric.protocol.token.Balance;
import org.fdcfabric.protocol.trail.UsageRecord;
import org.fdcfabric.protocol.ucl.Ucl;

/**
 * Reads the chain into a {@link ChainView}. Trails are found two ways, from the trail-head index and from the
 * records that must have one, so that a trail whose head was deleted is still read (and found broken).
 */
final class ChainLoader {
    private final ChainReader reader;

    ChainLoader(ChainReader reader) {
        this.reader = reader;
    }

    ChainView load() {
        Set<String> collaborationSubjects = new TreeSet<>();
        for (AuditEntry head : reader.trailHeads()) {
            collaborationSubjects.add(head.subject());
        }

        List<TrainingJob> jobs = reader.jobs();
        Map<String, List<RoundRecord>> rounds = new TreeMap<>();
        Set<String> passIds = new TreeSet<>();
        Set<String> datasetIds = new TreeSet<>();
        for (TrainingJob job : jobs) {
            List<RoundRecord> jobRounds = reader.rounds(job.jobId());
            rounds.put(job.jobId(), jobRounds);
            datasetIds.addAll(job.offer().datasetIds());
            job.participants().stream().map(Participant::passId).forEach(passIds::add);
            for (RoundRecord round : jobRounds) {
                round.participants().stream().map(RoundParticipant::passId).forEach(passIds::add);
            }
            collaborationSubjects.add(Subjects.job(job.jobId()));
        }
        idsOf(collaborationSubjects, Subjects.PASS, passIds);

        Map<String, AccessPass> passes = new TreeMap<>();
        Set<String> requestIds = new TreeSet<>();
        for (String passId : passIds) {
            reader.pass(passId).ifPresent(pass -> {
                passes.put(passId, pass);
                requestIds.add(pass.requestId());
            });
        }
        passes.keySet().forEach(id -> collaborationSubjects.add(Subjects.pass(id)));
        idsOf(collaborationSubjects, Subjects.REQUEST, requestIds);
        Map<String, RequestRecord> requests = new TreeMap<>();
        for (String requestId : requestIds) {
            reader.request(requestId).ifPresent(r -> requests.put(requestId, r));
        }
        requests.keySet().forEach(id -> collaborationSubjects.add(Subjects.REQUEST + id));

        Map<String, Ucl> datasets = new TreeMap<>();
        for (Ucl ucl : reader.datasets()) {
            datasets.put(ucl.id(), ucl);
        }
        datasetIds.addAll(datasets.keySet());
        idsOf(collaborationSubjects, Subjects.DATASET, datasetIds);
        Map<String, List<Ucl>> versions = new TreeMap<>();
        Map<String, List<UsageRecord>> usage = new TreeMap<>();
        for (String datasetId : datasetIds) {
            versions.put(datasetId, reader.datasetVersions(datasetId));
            List<UsageRecord> records = reader.usage(datasetId);
            usage.put(datasetId, records);
            if (!records.isEmpty()) {
                collaborationSubjects.add(Subjects.dataset(datasetId));
            }
        }

        var token = reader.token().orElse(null);
        if (token != null) {
            collaborationSubjects.add(Subjects.TOKEN);
        }
        List<Balance> accounts = reader.accounts();
        accounts.forEach(b -> collaborationSubjects.add(Subjects.WALLET + b.account()));

        List<TrailView> trails = new ArrayList<>();
        for (String subject : collaborationSubjects) {
            trails.add(trail(Channel.COLLABORATION, subject));
        }
        for (String datasetId : datasets.keySet()) {
            trails.add(trail(Channel.REGISTRATION, Subjects.dataset(datasetId)));
        }
        return new ChainView(jobs, rounds, passes, requests, datasets, versions, usage, token, accounts, trails);
    }

    private TrailView trail(Channel channel, String subject) {
        return new TrailView(
                channel,
                subject,
                reader.trail(channel, subject),
                reader.headHash(channel, subject).orElse(null));
    }

    private static void idsOf(Set<String> subjects, String prefix, Set<String> into) {
        subjects.forEach(s -> Subjects.idOf(s, prefix).ifPresent(into::add));
    }
}
