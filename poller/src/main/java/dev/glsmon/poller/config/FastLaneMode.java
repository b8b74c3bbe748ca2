package dev.glsmon.poller.config;

/** Whether the fast lane runs: always, never, or only while full sweeps are slow ({@link FastLaneSwitch}). */
public enum FastLaneMode {
    ON,
    OFF,
    AUTO
}
