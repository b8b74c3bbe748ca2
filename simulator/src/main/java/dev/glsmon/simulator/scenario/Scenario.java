package dev.glsmon.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the lifecycle engine simulates: stream groups with their locations, capacity and
 * arrival rates, lifecycle parameters, retention of ended sessions and scheduled incidents. Build
 * one with {@link #demo()}, {@link #empty()}, {@link #load(String)} or {@link #parse(String)}; the
 * format is described in the module README.
 *
 * @param name a label for logs
 * @param warmUp virtual time simulated before the start, so the simulator opens in steady state
 * @param retention how long TERMINATED and ERROR sessions stay listed before they vanish (404)
 * @param defaults lifecycle of locations the scenario does not describe
 * @param locationLifecycles lifecycle per location named in the scenario
 * @param streamGroups the stream groups that exist from the start
 * @param incidents scheduled disturbances
 */
public record Scenario(
        String name,
        Duration warmUp,
        Duration retention,
        LifecycleParams defaults,
        Map<String, LifecycleParams> locationLifecycles,
        List<StreamGroupSpec> streamGroups,
        List<IncidentSpec> incidents) {

    private static final String BUILT_IN = "glsmon/simulator/scenarios/";

    public Scenario {
        locationLifecycles = Map.copyOf(locationLifecycles);
        streamGroups = List.copyOf(streamGroups);
        incidents = List.copyOf(incidents);
        if (warmUp.isNegative() || retention.isNegative()) {
            throw new IllegalArgumentException("warmUp and retention must not be negative");
        }
    }

    /** The lifecycle of a location: its own if the scenario names it, else the defaults. */
    public LifecycleParams lifecycleOf(String location) {
        return locationLifecycles.getOrDefault(location, defaults);
    }

    /** The built-in story for dashboards: four locations, a steady flow, a crash spike and a capacity drop. */
    public static Scenario demo() {
        return builtIn("demo");
    }

    /** No stream groups, no traffic: tests create what they need through {@code Simulator.control()}. */
    public static Scenario empty() {
        return builtIn("empty");
    }

    /**
     * A large, steady fleet: {@code streamGroups} stream groups (one location each, spread over four)
     * holding about {@code sessions} listed sessions at the start and from then on, with the default
     * lifecycle but an hour in CONNECTED and five minutes of retention. Arrivals of sessions /
     * ({@link #FLEET_LIFETIME} + retention) per second keep the listing at about {@code sessions}
     * after four hours of warm-up (over three lifetimes), so it opens in steady state. The lifetime
     * is measured, not derived: 100,000 x 200 opens with about 100,000 listed sessions, some 1% of
     * them in ACTIVATING, ACTIVE, PENDING_CLIENT_RECONNECTION, RECONNECTING, TERMINATING or ERROR.
     */
    public static Scenario fleet(int sessions, int streamGroups) {
        if (sessions < 1 || streamGroups < 1) {
            throw new IllegalArgumentException("a fleet needs sessions and stream groups: " + sessions + ", " + streamGroups);
        }
        Duration retention = Duration.ofMinutes(5);
        double perGroup = (double) sessions / streamGroups;
        double arrivalsPerMinute = perGroup * 60.0 / (FLEET_LIFETIME.toSeconds() + retention.toSeconds());
        int capacity = (int) Math.ceil(perGroup * 1.5);
        String[] locations = {"us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"};
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < streamGroups; i++) {
            groups.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"description\":\"fleet-%03d\",\"locations\":[{\"name\":\"%s\",\"capacity\":%d,"
                            + "\"arrivalsPerMinute\":%.4f}]}",
                    i, locations[i % locations.length], capacity, arrivalsPerMinute));
        }
        return parse("{\"name\":\"fleet-" + sessions + "x" + streamGroups + "\",\"warmUp\":\"PT4H\",\"retention\":\"PT5M\","
                + "\"lifecycle\":{\"connectedMean\":\"PT60M\"},\"streamGroups\":[" + groups + "]}");
    }

    /** Mean time a {@link #fleet} session is listed before its end, as measured after the warm-up. */
    public static final Duration FLEET_LIFETIME = Duration.ofSeconds(3_600);

    /** A built-in name ({@code demo}, {@code empty}) or the path of a .json, .yaml or .yml file. */
    public static Scenario load(String nameOrPath) {
        if (Scenario.class.getClassLoader().getResource(BUILT_IN + nameOrPath + ".json") != null) {
            return builtIn(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(
                    "no built-in scenario and no file named '" + nameOrPath + "' (built-in: demo, empty)");
        }
        return fromFile(path);
    }

    public static Scenario fromFile(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            String file = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            boolean yaml = file.endsWith(".yaml") || file.endsWith(".yml");
            return yaml ? ScenarioParser.parseYaml(text) : ScenarioParser.parseJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + path, e);
        }
    }

    /** Parses a scenario written in JSON. */
    public static Scenario parse(String json) {
        return ScenarioParser.parseJson(json);
    }

    public Scenario withRetention(Duration newRetention) {
        return new Scenario(name, warmUp, newRetention, defaults, locationLifecycles, streamGroups, incidents);
    }

    public Scenario withWarmUp(Duration newWarmUp) {
        return new Scenario(name, newWarmUp, retention, defaults, locationLifecycles, streamGroups, incidents);
    }

    private static Scenario builtIn(String name) {
        try (InputStream in = Scenario.class.getClassLoader().getResourceAsStream(BUILT_IN + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in scenario " + name);
            }
            return ScenarioParser.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in scenario " + name, e);
        }
    }
}
