package dev.glsmon.simulator.engine;

import java.util.SplittableRandom;

/** Identifiers in the forms the service documents, drawn from a seeded random source. */
final class Ids {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    static String alnum(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALNUM.charAt(random.nextInt(ALNUM.length()));
        }
        return new String(chars);
    }

    /** {@code sg-} and 9 alphanumerics, e.g. {@code sg-1AB2C3De4}. */
    static String streamGroupId(SplittableRandom random) {
        return "sg-" + alnum(random, 9);
    }

    /** {@code a-} and 9 alphanumerics, e.g. {@code a-9ZY8X7Wv6}. */
    static String applicationId(SplittableRandom random) {
        return "a-" + alnum(random, 9);
    }

    /** 13 alphanumerics, e.g. {@code ABC123def4567}. */
    static String sessionId(SplittableRandom random) {
        return alnum(random, 13);
    }
}
