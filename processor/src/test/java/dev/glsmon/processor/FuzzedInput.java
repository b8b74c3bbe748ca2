package dev.glsmon.processor;

import dev.glsmon.schemas.AvroSerde;
import dev.glsmon.schemas.PollCycle;
import dev.glsmon.schemas.SessionSnapshot;
import dev.glsmon.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded bad input for both input topics, each record with what the processor must do with it
 * (processor/README.md "Odd records"). Decodable records use sessions and stream groups of their own
 * ({@code fz...}), so they cannot change what the good records around them produce.
 */
final class FuzzedInput {

    /** What the processor must do with one fuzzed record. */
    enum Expect {
        /** Dead letter DESERIALIZATION with the original bytes. */
        DESERIALIZATION,
        /** Dead letter INVALID_RECORD with the value's bytes. */
        INVALID_RECORD,
        /** Exactly one first-seen transition of its own session, to {@link Fuzzed#status()} at {@link Fuzzed#at()}. */
        ONE_TRANSITION,
        /** Nothing visible: a poll-cycle marker of a stream group without sessions. */
        NOTHING
    }

    /**
     * @param topic the input topic; @param partition null for the key's partition
     * @param at the expected transition time (ONE_TRANSITION only)
     */
    record Fuzzed(String kind, String topic, Integer partition, String key, byte[] value, long timestamp,
            Expect expect, String arn, String status, Instant at) {}

    static final String FUZZ_GROUP = "sg-fz";
    static final String MEGABYTE = "m".repeat(1_000_000);
    private static final String[] UNKNOWN_STATUSES = {"HIBERNATING", "SUSPENDED", "PAUSED_BY_OPERATOR", "MIGRATING",
        "active", "ACTIVE ", "Ωmega", "STATUS_FROM_2030"};
    /** Fields copied into the state, outputs or labels; a 1 MB value there is dead-lettered. */
    private static final String[] COPIED = {"status", "statusReason", "location", "applicationArn", "exportFilesOutputUri",
        "cycleId"};
    /** Fields the processor never copies: a 1 MB value there is harmless. */
    private static final String[] NOT_COPIED = {"description", "userId", "signalRequest", "webSdkProtocolUrl"};

    private final Topics topics;
    private final int partitions;
    private final SplittableRandom random;
    private final AvroSerde<SessionSnapshot> snapshots = AvroSerde.of(SessionSnapshot.class);
    private final AvroSerde<PollCycle> cycles = AvroSerde.of(PollCycle.class);
    private int sessions;

    private FuzzedInput(Topics topics, int partitions, long seed) {
        this.topics = topics;
        this.partitions = partitions;
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param timestamps the record time of each fuzzed record, in order (the good records' times around it),
     *     so that stream time stays where the good records put it
     * @param megabyteRecords how many of the records carry a 1 MB string (half in copied fields)
     */
    static List<Fuzzed> generate(Topics topics, int partitions, long seed, long[] timestamps, int megabyteRecords) {
        FuzzedInput input = new FuzzedInput(topics, partitions, seed);
        List<Fuzzed> all = new ArrayList<>(timestamps.length);
        int spacing = Math.max(1, timestamps.length / Math.max(1, megabyteRecords));
        int huge = 0;
        for (int i = 0; i < timestamps.length; i++) {
            if (huge < megabyteRecords && i % spacing == spacing / 2) {
                all.add(input.megabyte(timestamps[i], huge++ % 2 == 0));
            } else {
                all.add(input.next(timestamps[i]));
            }
        }
        return all;
    }

    private Fuzzed next(long time) {
        int pick = random.nextInt(100);
        if (pick < 12) {
            return randomBytes(time);
        }
        if (pick < 24) {
            return truncated(time);
        }
        if (pick < 34) {
            return unknownFingerprint(time);
        }
        if (pick < 40) {
            return wrongType(time);
        }
        if (pick < 55) {
            return nulls(time);
        }
        if (pick < 67) {
            return unknownStatus(time);
        }
        if (pick < 82) {
            return absurdTimes(time);
        }
        if (pick < 90) {
            return unusable(time);
        }
        return oddCycle(time);
    }

    private Fuzzed randomBytes(long time) {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 1 && random.nextBoolean()) {
            bytes[0] = (byte) 0xC3; // sometimes the single-object marker, so the header check is passed
            bytes[1] = 0x01;
        }
        return undecodable("random-bytes", time, bytes);
    }

    private Fuzzed truncated(long time) {
        boolean snapshot = random.nextBoolean();
        byte[] whole = snapshot ? snapshots.serialize("t", good(newArn(), "ACTIVE", time).build())
                : cycles.serialize("t", marker("fz-cyc-" + random.nextInt(5), time).build());
        return undecodable("truncated-avro", time, Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)),
                snapshot);
    }

    private Fuzzed unknownFingerprint(long time) {
        boolean snapshot = random.nextBoolean();
        byte[] bytes = snapshot ? snapshots.serialize("t", good(newArn(), "ACTIVE", time).build())
                : cycles.serialize("t", marker("fz-cyc-" + random.nextInt(5), time).build());
        for (int i = 2; i < 10; i++) {
            bytes[i] = (byte) random.nextInt(256); // a fingerprint no glsmon schema has (2^-64 to hit one)
        }
        return undecodable("unknown-fingerprint", time, bytes, snapshot);
    }

    private Fuzzed wrongType(long time) {
        boolean onSnapshots = random.nextBoolean();
        byte[] bytes = onSnapshots ? cycles.serialize("t", marker("fz-cyc-0", time).build())
                : snapshots.serialize("t", good(newArn(), "ACTIVE", time).build());
        return undecodable("wrong-type", time, bytes, onSnapshots);
    }

    private Fuzzed undecodable(String kind, long time, byte[] bytes) {
        return undecodable(kind, time, bytes, random.nextBoolean());
    }

    private Fuzzed undecodable(String kind, long time, byte[] bytes, boolean onSnapshots) {
        String topic = onSnapshots ? topics.sessionSnapshots().name() : topics.pollCycles().name();
        Integer partition = onSnapshots ? null : random.nextInt(partitions);
        return new Fuzzed(kind, topic, partition, "fz-key-" + random.nextInt(1000), bytes, time, Expect.DESERIALIZATION,
                null, null, null);
    }

    /** Nulls where the API always gives a value: location, times, application, reason of an ended session. */
    private Fuzzed nulls(long time) {
        String arn = newArn();
        String status = random.nextBoolean() ? "ACTIVE" : "TERMINATED";
        SessionSnapshot value = good(arn, status, time).setLocation(null).setCreatedAt(null).setLastUpdatedAt(null)
                .setApplicationArn(null).setStatusReason(null).setRegion(null).build();
        return oneTransition("nulls", value, time, Instant.ofEpochMilli(time));
    }

    private Fuzzed unknownStatus(long time) {
        String status = UNKNOWN_STATUSES[random.nextInt(UNKNOWN_STATUSES.length)];
        SessionSnapshot value = good(newArn(), status, time).setStatusReason("reason" + random.nextInt(3)).build();
        return oneTransition("unknown-status", value, time, value.getLastUpdatedAt());
    }

    /** API times far outside any sane range, and sometimes an absurd observedAt: repaired, never trusted. */
    private Fuzzed absurdTimes(long time) {
        long[] absurd = {Long.MIN_VALUE, Long.MAX_VALUE, -1L, Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("9999-12-31T00:00:00Z").toEpochMilli(), time + 3_650L * 86_400_000L};
        SessionSnapshot.Builder builder = good(newArn(), "CONNECTED", time)
                .setLastUpdatedAt(Instant.ofEpochMilli(absurd[random.nextInt(absurd.length)]))
                .setCreatedAt(Instant.ofEpochMilli(absurd[random.nextInt(absurd.length)]));
        if (random.nextBoolean()) {
            builder.setObservedAt(Instant.ofEpochMilli(random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE));
        }
        // lastUpdatedAt is out of range, so `at` falls back to observedAt, itself repaired to the record time
        return oneTransition("absurd-times", builder.build(), time, Instant.ofEpochMilli(time));
    }

    /** Decodes, but cannot be used: a key that is not the ARN, a blank status or group, a blank marker group. */
    private Fuzzed unusable(long time) {
        String arn = newArn();
        int which = random.nextInt(4);
        if (which == 3) {
            PollCycle cycle = marker(" ", time).build();
            return new Fuzzed("blank-marker-group", topics.pollCycles().name(), random.nextInt(partitions), " ",
                    cycles.serialize("t", cycle), time, Expect.INVALID_RECORD, null, null, null);
        }
        SessionSnapshot.Builder builder = good(arn, "ACTIVE", time);
        String key = arn;
        if (which == 0) {
            key = arn + "-other";
        } else if (which == 1) {
            builder.setStatus("");
        } else {
            builder.setStreamGroupId(" ");
        }
        return new Fuzzed("unusable-" + which, topics.sessionSnapshots().name(), null, key,
                snapshots.serialize("t", builder.build()), time, Expect.INVALID_RECORD, arn, null, null);
    }

    /** Markers of stream groups that have no sessions, with absurd numbers: nothing to infer from them. */
    private Fuzzed oddCycle(long time) {
        PollCycle cycle = marker("fz-cyc-" + random.nextInt(5), time)
                .setSessionCount(random.nextBoolean() ? -1 : Integer.MAX_VALUE)
                .setCycleNumber(random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE)
                .setStartedAt(Instant.ofEpochMilli(Long.MIN_VALUE))
                .setCompletedAt(Instant.ofEpochMilli(Long.MAX_VALUE))
                .setComplete(random.nextBoolean())
                .setSource("ListStreamSessionsV9")
                .build();
        return new Fuzzed("odd-cycle", topics.pollCycles().name(), random.nextInt(partitions),
                cycle.getStreamGroupId(), cycles.serialize("t", cycle), time, Expect.NOTHING, null, null, null);
    }

    /** A 1 MB string: dead-lettered where the processor would copy it, harmless where it would not. */
    private Fuzzed megabyte(long time, boolean copied) {
        String arn = newArn();
        SessionSnapshot.Builder builder = good(arn, "ACTIVE", time);
        String field = copied ? COPIED[random.nextInt(COPIED.length)] : NOT_COPIED[random.nextInt(NOT_COPIED.length)];
        SessionSnapshot value = builder.build();
        value.put(field, MEGABYTE);
        if (copied) {
            return new Fuzzed("megabyte-" + field, topics.sessionSnapshots().name(), null, arn,
                    snapshots.serialize("t", value), time, Expect.INVALID_RECORD, arn, null, null);
        }
        return oneTransition("megabyte-" + field, value, time, value.getLastUpdatedAt());
    }

    private Fuzzed oneTransition(String kind, SessionSnapshot value, long time, Instant at) {
        return new Fuzzed(kind, topics.sessionSnapshots().name(), null, value.getArn(),
                snapshots.serialize("t", value), time, Expect.ONE_TRANSITION, value.getArn(), value.getStatus(), at);
    }

    private String newArn() {
        return "arn:aws:gameliftstreams:us-west-2:111122223333:streamsession/" + FUZZ_GROUP + "/fz" + sessions++;
    }

    private static SessionSnapshot.Builder good(String arn, String status, long time) {
        Instant observed = Instant.ofEpochMilli(time);
        return SessionSnapshot.newBuilder()
                .setArn(arn).setStreamGroupId(FUZZ_GROUP).setSessionId(arn.substring(arn.lastIndexOf('/') + 1))
                .setStatus(status).setLocation("us-east-1")
                .setCreatedAt(observed.minusSeconds(60)).setLastUpdatedAt(observed.minusSeconds(5))
                .setObservedAt(observed).setCycleId(FUZZ_GROUP + "/1").setSource("ListStreamSessions");
    }

    private static PollCycle.Builder marker(String group, long time) {
        Instant at = Instant.ofEpochMilli(time);
        return PollCycle.newBuilder().setStreamGroupId(group).setCycleId(group + "/" + time).setCycleNumber(time)
                .setComplete(true).setSessionCount(0).setStartedAt(at).setCompletedAt(at)
                .setSource("ListStreamSessions");
    }
}
