package io.mlops.registry.search;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A page of a list: its size and the row offset an opaque {@code pageToken} stands for. The token
 * also carries a fingerprint of the query it was issued for, so replaying it with another filter
 * or order is refused instead of returning a page of something else.
 */
public record PageRequest(int size, long offset, String fingerprint) {

    private static final String VERSION = "p1";

    public static PageRequest of(Integer pageSize, String pageToken, int defaultSize, int maxSize, String... query) {
        int size = pageSize == null ? defaultSize : pageSize;
        if (size < 1 || size > maxSize) {
            throw new PlatformException(ErrorCode.VALIDATION_FAILED, "pageSize must be between 1 and " + maxSize,
                    List.of(new FieldError("pageSize", "must be between 1 and " + maxSize)));
        }
        String fingerprint = fingerprint(query);
        long offset = pageToken == null || pageToken.isBlank() ? 0 : decode(pageToken, fingerprint);
        return new PageRequest(size, offset, fingerprint);
    }

    /** The token of the page after this one. */
    public String nextToken() {
        String raw = VERSION + ":" + (offset + size) + ":" + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String token, String fingerprint) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", -1);
            if (parts.length == 3 && VERSION.equals(parts[0]) && parts[2].equals(fingerprint)) {
                long offset = Long.parseLong(parts[1]);
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a token of another query
        }
        throw new PlatformException(ErrorCode.MALFORMED_REQUEST,
                "pageToken is not a token this server issued for the same filter and orderBy",
                List.of(new FieldError("pageToken", "invalid for this query")));
    }

    private static String fingerprint(String... query) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : query) {
                digest.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
