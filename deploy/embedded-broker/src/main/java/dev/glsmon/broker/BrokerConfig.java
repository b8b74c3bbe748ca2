package dev.glsmon.broker;

import static dev.glsmon.broker.BrokerSettings.*;

import dev.glsmon.common.config.InvalidSettingException;
import dev.glsmon.common.config.SettingsReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded broker program's configuration, typed and checked when built from a map of setting
 * name to text ({@link BrokerSettings}).
 */
record BrokerConfig(int port, int controllerPort, Optional<Path> dataDir, int nodeId, Optional<String> quorumVoters,
        Optional<String> clusterId, boolean exitOnStdinClose, Map<String, String> kafkaProperties) {

    /**
     * @param settings setting name -> text; missing settings take their defaults
     * @throws InvalidSettingException naming the first setting that cannot be used
     */
    static BrokerConfig from(Map<String, String> settings) {
        SettingsReader r = new SettingsReader(settings);
        int port = r.port(PORT);
        int controllerPort = r.read(CONTROLLER_PORT, v -> {
            int value = Integer.parseInt(v);
            if (value < 0 || value > 65535 || (value != 0 && value == port)) {
                throw new IllegalArgumentException("must be 0..65535 and differ from --port, was " + v);
            }
            return value;
        });
        Optional<String> voters = r.optional(CONTROLLER_QUORUM_VOTERS, v -> v);
        Optional<String> clusterId = r.optional(CLUSTER_ID, v -> v);
        if (voters.isPresent() && clusterId.isEmpty()) {
            throw new InvalidSettingException(CLUSTER_ID.name(), "required with --controller-quorum-voters");
        }
        BrokerConfig config = new BrokerConfig(port, controllerPort, r.optional(DATA_DIR, Path::of),
                r.intAtLeast(NODE_ID, 0), voters, clusterId, r.bool(EXIT_ON_STDIN_CLOSE),
                r.read(KAFKA_PROPERTY, BrokerConfig::properties));
        r.rejectUnknown();
        return config;
    }

    /** KEY=VALUE,KEY=VALUE, split only at a comma that starts the next KEY= so that list values stay whole. */
    private static Map<String, String> properties(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (text.isBlank()) {
            return properties;
        }
        for (String pair : text.split(",\\s*(?=[\\w.-]+=)")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not KEY=VALUE");
            }
            properties.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return properties;
    }
}
