package dev.glsmon.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque NextToken values: {@code base64url(page \n lastKey) . base64url(mac)}, where the MAC binds
 * the position to the query it came from (operation, stream group, filters). A token from another
 * query, another simulator or altered in any way fails the MAC check. MaxResults is deliberately
 * not bound: the SDK paginator and the real service let the page size change between pages.
 */
final class PageTokens {

    /** Where the next page starts: its number (the first page is 1) and the last key already returned. */
    record Position(int page, String afterKey) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final byte[] secret;

    PageTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    String encode(String binding, Position position) {
        byte[] payload = (position.page() + "\n" + position.afterKey()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(binding, payload));
    }

    /** The position in {@code token}; a ValidationException when it is not a token of this query. */
    Position decode(String binding, String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            mac = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac, mac(binding, payload))) {
            throw invalid();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        try {
            int page = Integer.parseInt(text.substring(0, newline));
            return new Position(page, text.substring(newline + 1));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private byte[] mac(String binding, byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            hmac.update(binding.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            byte[] full = hmac.doFinal(payload);
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ApiError invalid() {
        return ApiError.validation("The NextToken is not valid for this request.");
    }
}
