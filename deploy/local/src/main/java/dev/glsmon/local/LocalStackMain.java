package dev.glsmon.local;

import java.util.List;

/**
 * The one-command local stack. Until it is built out it only says which parts are still missing,
 * so the README's run command fails with an explanation instead of a stack trace.
 */
public final class LocalStackMain {

    static final List<String> MISSING = List.of(
            "the simulator wiring (simulator/ is being built)",
            "the poller",
            "the processor",
            "the launcher that starts the embedded broker as a child JVM and the parts above");

    private LocalStackMain() {}

    static String missingMessage() {
        StringBuilder text = new StringBuilder("glsmon-local cannot run yet; still missing:\n");
        MISSING.forEach(part -> text.append("  - ").append(part).append('\n'));
        text.append("Meanwhile: java -jar deploy/embedded-broker/target/glsmon-embedded-broker.jar --port 9092 --data-dir .glsmon/kafka");
        return text.toString();
    }

    public static void main(String[] args) {
        System.err.println(missingMessage());
        System.exit(1);
    }
}
