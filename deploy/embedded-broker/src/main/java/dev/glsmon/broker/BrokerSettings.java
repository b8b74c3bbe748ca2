package dev.glsmon.broker;

import dev.glsmon.common.config.Setting;
import dev.glsmon.common.config.SettingTable;

/** Every setting of the embedded broker program in one place: name, default and meaning. */
public final class BrokerSettings {

    public static final Setting PORT = Setting.of("port", "PORT", "9092",
            "PLAINTEXT listener port on localhost; 0 picks a free one.");
    public static final Setting CONTROLLER_PORT = Setting.of("controller-port", "PORT", "0",
            "KRaft controller port, not --port's; 0 picks a free one, remembered in the data directory.");
    public static final Setting DATA_DIR = Setting.of("data-dir", "DIR", "",
            "Where the broker keeps its logs, kept across restarts; empty: a temporary directory deleted on exit.");
    public static final Setting NODE_ID = Setting.of("node-id", "N", "1",
            "This node's id in a cluster (with --controller-quorum-voters).");
    public static final Setting CONTROLLER_QUORUM_VOTERS = Setting.of("controller-quorum-voters", "ID@HOST:PORT,...", "",
            "Run as one node of a cluster: every node's id@host:controller-port, comma-separated"
                    + " (this node's entry gives --controller-port); empty: a single node.");
    public static final Setting CLUSTER_ID = Setting.of("cluster-id", "ID", "",
            "The cluster id every node of a cluster formats its storage with (required with --controller-quorum-voters).");
    public static final Setting EXIT_ON_STDIN_CLOSE = Setting.flag("exit-on-stdin-close", "false",
            "Stop when standard input closes, so that a broker started by another process dies with it.");
    /**
     * Broker settings over the single-node defaults, for a broker in a container: listeners on every
     * address, advertised under the names its clients use (deploy/compose).
     */
    public static final Setting KAFKA_PROPERTY = Setting.repeatable("kafka-property", "KEY=VALUE",
            "A broker setting over the single-node defaults (repeatable, or KEY=VALUE,KEY=VALUE), e.g. listeners=..."
                    + " or advertised.listeners=...; a list value (listeners=A://:1,B://:2) stays whole.");

    public static final SettingTable TABLE = SettingTable.of(PORT, CONTROLLER_PORT, DATA_DIR, NODE_ID,
            CONTROLLER_QUORUM_VOTERS, CLUSTER_ID, EXIT_ON_STDIN_CLOSE, KAFKA_PROPERTY);

    private BrokerSettings() {}
}
