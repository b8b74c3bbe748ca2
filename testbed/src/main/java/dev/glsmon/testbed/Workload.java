package dev.glsmon.testbed;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A deterministic stream of poll cycles as a poller would write them: every cycle lists every
 * session of each stream group that the API still shows (repeating unchanged ones), then writes the
 * cycle's marker to every partition. Sessions live through the documented lifecycle with seeded
 * variety: reconnects, errors, terminations whose reason comes a cycle later (GetStreamSession),
 * and sessions that disappear without ending (VANISHED).
 */
public final class Workload {

    /**
     * The first cycle's time: the start of the hour before the current one. Recent on purpose: the
     * records go to a real broker whose input topics keep a day by record time, and the broker's
     * retention check (30 s after it starts, then every 5 minutes) deleted a workload dated in the past
     * from under a running test: offsets "out of range", input never committed, transitions gone. The
     * hour keeps the time whole and leaves room for an hour of cycles before the broker's limit on
     * future timestamps.
     */
    public static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    public static final long CYCLE_MILLIS = 5_000;

    private final List<List<ProducerRecord<byte[], byte[]>>> cycles = new ArrayList<>();
    private int snapshots;

    private Workload() {}

    /** One session's plan: the status it shows in each cycle from its first (null: not listed). */
    private record Plan(String arn, String sessionId, String group, String location, int start, List<String[]> states) {}

    /**
     * @param sessions sessions in total, spread over {@code groups} stream groups and 3 locations
     * @param cycles cycles in total; sessions start in the first half, so the rest lets every end settle
     */
    public static Workload generate(Topics topics, int partitions, int sessions, int groups, int cycles, long seed) {
        return generate(topics, partitions, sessions, groups, cycles, seed, 1);
    }

    /**
     * @param dwell how many times longer sessions stay ACTIVE and CONNECTED: real sessions last minutes to
     *     hours while polls come every few seconds, so most snapshots repeat what the store holds
     */
    public static Workload generate(Topics topics, int partitions, int sessions, int groups, int cycles, long seed,
            int dwell) {
        return generate(topics, partitions, sessions, groups, cycles, seed, dwell, false);
    }

    /**
     * What a poller that publishes changes writes for the same sessions: a session's snapshot only
     * when its status or StatusReason differs from the one it last published (a listing without the
     * reason repeats it, as the poller carries what a Get taught), a not-found snapshot when it left
     * the listing without ending (the poller's Get), and markers that say they are not full refreshes
     * (but the first). Every snapshot is a change.
     */
    public static Workload changes(Topics topics, int partitions, int sessions, int groups, int cycles, long seed,
            int dwell) {
        return generate(topics, partitions, sessions, groups, cycles, seed, dwell, true);
    }

    private static Workload generate(Topics topics, int partitions, int sessions, int groups, int cycles, long seed,
            int dwell, boolean changesOnly) {
        Random random = new Random(seed);
        List<Plan> plans = new ArrayList<>();
        String[] locations = {"us-east-1", "us-west-2", "eu-west-1"};
        for (int i = 0; i < sessions; i++) {
            String group = "sg-" + (i % groups);
            String id = "s" + seed + "x" + i;
            String arn = "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/" + group + "/" + id;
            plans.add(new Plan(arn, id, group, locations[random.nextInt(locations.length)],
                    random.nextInt(Math.max(1, cycles / 2)), lifecycle(random, dwell)));
        }
        Workload workload = new Workload();
        AvroSerde<SessionSnapshot> snapshotSerde = AvroSerde.of(SessionSnapshot.class);
        AvroSerde<PollCycle> cycleSerde = AvroSerde.of(PollCycle.class);
        for (int c = 0; c < cycles; c++) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            long time = T0.toEpochMilli() + c * CYCLE_MILLIS;
            for (int g = 0; g < groups; g++) {
                String group = "sg-" + g;
                String cycleId = group + "/" + c;
                for (Plan plan : plans) {
                    int age = c - plan.start();
                    if (!plan.group().equals(group) || age < 0 || age >= plan.states().size()) {
                        continue;
                    }
                    String[] state = plan.states().get(age);
                    String[] before = age == 0 ? null : plan.states().get(age - 1);
                    boolean notFound = false;
                    if (state == null) {
                        if (!changesOnly || before == null) {
                            continue; // not listed in this cycle
                        }
                        state = new String[] {before[0], before[1], "GetStreamSession"};
                        notFound = true; // the poller's Get for a session gone from a complete listing
                    } else if (changesOnly && before != null && before[0].equals(state[0])
                            && (state[1] == null || state[1].equals(before[1]))) {
                        continue; // a repeat: the poller does not publish it
                    }
                    int changedAt = notFound ? age - 1 : age;
                    while (changedAt > 0 && plan.states().get(changedAt - 1) != null
                            && plan.states().get(changedAt - 1)[0].equals(state[0])) {
                        changedAt--;
                    }
                    SessionSnapshot snapshot = SessionSnapshot.newBuilder()
                            .setArn(plan.arn()).setStreamGroupId(group).setSessionId(plan.sessionId())
                            .setStatus(state[0]).setStatusReason(state[1]).setLocation(plan.location())
                            .setApplicationArn("arn:aws:gameliftstreams:us-west-2:111122223333:application/a-1")
                            .setCreatedAt(Instant.ofEpochMilli(T0.toEpochMilli() + plan.start() * CYCLE_MILLIS))
                            .setLastUpdatedAt(Instant.ofEpochMilli(
                                    T0.toEpochMilli() + (plan.start() + changedAt) * CYCLE_MILLIS))
                            .setObservedAt(Instant.ofEpochMilli(time))
                            .setCycleId(cycleId)
                            .setSource(state.length > 2 ? state[2] : "ListStreamSessions")
                            .setNotFound(notFound)
                            .build();
                    records.add(new ProducerRecord<>(topics.sessionSnapshots().name(), null, time,
                            plan.arn().getBytes(StandardCharsets.UTF_8),
                            snapshotSerde.serialize(topics.sessionSnapshots().name(), snapshot)));
                    workload.snapshots++;
                }
                PollCycle marker = PollCycle.newBuilder()
                        .setStreamGroupId(group).setCycleId(cycleId).setCycleNumber(time)
                        .setComplete(c % 11 != 7) // now and then a page fails
                        .setSessionCount(0).setStartedAt(Instant.ofEpochMilli(time))
                        .setCompletedAt(Instant.ofEpochMilli(time + 100)).setSource("ListStreamSessions")
                        .setFullRefresh(changesOnly ? c == 0 : null).build();
                byte[] markerBytes = cycleSerde.serialize(topics.pollCycles().name(), marker);
                for (int p = 0; p < partitions; p++) {
                    records.add(new ProducerRecord<>(topics.pollCycles().name(), p, time + 100,
                            group.getBytes(StandardCharsets.UTF_8), markerBytes));
                }
            }
            workload.cycles.add(records);
        }
        return workload;
    }

    /** Statuses per cycle of one session's life; {status, reason[, source]}; null where it is not listed. */
    private static List<String[]> lifecycle(Random random, int dwell) {
        List<String[]> states = new ArrayList<>();
        repeat(states, 1 + random.nextInt(2), "ACTIVATING", null);
        if (random.nextInt(12) == 0) {
            repeat(states, 3, "ERROR", "placementTimeout");
            return states;
        }
        repeat(states, (1 + random.nextInt(2)) * dwell, "ACTIVE", null);
        repeat(states, (2 + random.nextInt(5)) * dwell, "CONNECTED", null);
        if (random.nextInt(3) == 0) {
            repeat(states, 1, "PENDING_CLIENT_RECONNECTION", null);
            repeat(states, 1, "RECONNECTING", null);
            repeat(states, (1 + random.nextInt(3)) * dwell, "CONNECTED", null);
        }
        if (random.nextInt(8) == 0) {
            for (int i = 0; i < 6; i++) {
                states.add(null); // gone from the listing without ending: VANISHED
            }
            return states;
        }
        repeat(states, 1, "TERMINATING", null);
        String reason = random.nextBoolean() ? "idleTimeout" : "applicationExit";
        if (random.nextBoolean()) {
            states.add(new String[] {"TERMINATED", null}); // listing without the reason
            states.add(new String[] {"TERMINATED", reason, "GetStreamSession"});
            repeat(states, 2, "TERMINATED", null);
        } else {
            repeat(states, 3, "TERMINATED", reason);
        }
        return states;
    }

    private static void repeat(List<String[]> states, int times, String status, String reason) {
        for (int i = 0; i < times; i++) {
            states.add(new String[] {status, reason});
        }
    }

    public int cycleCount() {
        return cycles.size();
    }

    public int snapshotCount() {
        return snapshots;
    }

    /** Every record of every cycle, in the order a poller writes them. */
    public List<ProducerRecord<byte[], byte[]>> records() {
        return cycles.stream().flatMap(List::stream).toList();
    }

    public void produceCycle(KafkaProducer<byte[], byte[]> producer, int cycle) {
        cycles.get(cycle).forEach(producer::send);
    }

    /** Writes every cycle; fails if any record was not written (a measurement on lost input would be wrong). */
    public void produceAll(KafkaProducer<byte[], byte[]> producer) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (List<ProducerRecord<byte[], byte[]>> cycle : cycles) {
            cycle.forEach(record -> sent.add(producer.send(record)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a workload record was not written", e.getCause());
        }
    }
}
