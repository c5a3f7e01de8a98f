package org.fdcfabric.experiment.federation;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationConfig;
import org.fdcfabric.compute.aggregation.secure.SecureAggregationRound;
import org.fdcfabric.datacenter.masking.MaskingCenter;
import org.fdcfabric.datacenter.masking.MaskingParticipant;
import org.fdcfabric.protocol.secagg.AdvertiseKeys;
import org.fdcfabric.protocol.secagg.EncryptedShares;
import org.fdcfabric.protocol.secagg.FixedPointCodec;
import org.fdcfabric.protocol.secagg.MaskedInput;
import org.fdcfabric.protocol.secagg.SessionId;
import org.fdcfabric.protocol.secagg.UnmaskingRequest;

/**
 * Real centers (each with its own P-256 organisation key and {@link MaskingParticipant}) and a real
 * {@link SecureAggregationRound}, driven step by step so a test can drop centers or tamper between steps.
 */
final class Federation {
    final SessionId session = new SessionId("job-7", 3);
    final Map<String, KeyPair> orgKeys = new TreeMap<>();
    final Map<String, PublicKey> directory = new TreeMap<>();
    final Map<String, MaskingParticipant> centers = new LinkedHashMap<>();
    final SecureAggregationRound round;
    final SecureAggregationConfig config;

    Map<String, List<EncryptedShares>> deliveries;
    UnmaskingRequest unmaskingRequest;

    Federation(int centerCount, int threshold, int vectorLength, long seed) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        for (int i = 0; i < centerCount; i++) {
            String id = "School" + (char) ('A' + i) + "MSP";
            KeyPair keys = gen.generateKeyPair();
            orgKeys.put(id, keys);
            directory.put(id, keys.getPublic());
        }
        config = new SecureAggregationConfig(threshold, vectorLength, FixedPointCodec.DEFAULT);
        for (String id : orgKeys.keySet()) {
            centers.put(
                    id,
                    new MaskingCenter(id, orgKeys.get(id).getPrivate(), directory, threshold, config.codec(), random)
                            .join(session));
        }
        round = new SecureAggregationRound(session, config, directory);
    }

    List<String> ids() {
        return new ArrayList<>(centers.keySet());
    }

    /** Advertising and sharing with every center; leaves the round in MASKING. */
    void share() {
        List<AdvertiseKeys> ads = new ArrayList<>();
        centers.values().forEach(c -> ads.add(c.advertise()));
        ads.forEach(round::accept);
        List<AdvertiseKeys> roster = round.closeAdvertising().orElseThrow();
        centers.values().forEach(c -> round.accept(c.shareKeys(roster)));
        deliveries = round.closeSharing().orElseThrow();
    }

    MaskedInput mask(String id, float[] update, long samples) {
        return centers.get(id).maskedInput(deliveries.get(id), update, samples);
    }

    /** Every center in {@code senders} sends its masked input; returns the unmasking request if quorum held. */
    java.util.Optional<UnmaskingRequest> maskAndClose(List<String> senders, float[][] updates, long[] samples) {
        List<String> ids = ids();
        for (String id : senders) {
            int i = ids.indexOf(id);
            round.accept(mask(id, updates[i], samples[i]));
        }
        java.util.Optional<UnmaskingRequest> request = round.closeMasking();
        request.ifPresent(r -> unmaskingRequest = r);
        return request;
    }

    static float[][] randomUpdates(int centers, int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[][] updates = new float[centers][length];
        for (float[] u : updates) {
            for (int j = 0; j < length; j++) {
                u[j] = (float) (random.nextGaussian() * 0.5);
            }
        }
        return updates;
    }

    /** Plain FedAvg in double precision over the centers at {@code indices}: the reference. */
    static double[] fedAvg(float[][] updates, long[] samples, List<Integer> indices) {
        double[] mean = new double[updates[0].length];
        long total = 0;
        for (int i : indices) {
            total += samples[i];
            for (int j = 0; j < mean.length; j++) {
                mean[j] += (double) samples[i] * updates[i][j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= total;
        }
        return mean;
    }
}
