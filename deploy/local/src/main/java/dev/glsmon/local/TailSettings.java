package dev.glsmon.local;

import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;

/** Every setting of {@code glsmon-local tail} in one place (its TOPIC is a positional parameter). */
final class TailSettings {

    static final Setting BOOTSTRAP_SERVERS = Setting.of("bootstrap-servers", "HOST:PORT[,HOST:PORT...]",
            "localhost:9092", "Kafka to read from.");
    static final Setting TOPIC_PREFIX = Setting.of("topic-prefix", "PREFIX", "glsmon.", "Prefix of every glsmon topic.");
    static final Setting FROM_BEGINNING = Setting.flag("from-beginning", "false",
            "Start at the oldest record instead of new ones.");
    static final Setting MAX_RECORDS = Setting.of("max-records", "N", "-1", "Stop after this many records; -1: never.");
    static final Setting IDLE_TIMEOUT = Setting.of("idle-timeout", "DURATION", "0s",
            "Stop after this long without a record (e.g. 10s); 0s: never.");

    static final SettingTable TABLE = SettingTable.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, FROM_BEGINNING, MAX_RECORDS,
            IDLE_TIMEOUT);

    private TailSettings() {}
}
