package dev.glsmon.processor.rates;

import dev.glsmon.schemas.LocationErrorRate;

/**
 * What the error-rate processor emits: a window's final result (to the location-error-rates topic,
 * key location|window|windowStart) or the live value of a location's current window (to the
 * internal live-rates topic that feeds every instance's global store, key location|window).
 */
public record RateOutput(boolean finalResult, LocationErrorRate rate) {

    public String key() {
        return finalResult
                ? rate.getLocation() + "|" + rate.getWindow() + "|" + rate.getWindowStart()
                : liveKey(rate.getLocation(), rate.getWindow());
    }

    public static String liveKey(String location, String window) {
        return location + "|" + window;
    }
}
