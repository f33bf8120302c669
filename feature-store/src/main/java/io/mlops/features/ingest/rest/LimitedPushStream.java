package io.mlops.features.ingest.rest;

import io.mlops.common.config.ByteSizes;
import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A push body read no further than the byte limit: past it, the 413 {@code PAYLOAD_TOO_LARGE}
 * problem document. The body guard checks a body with a {@code Content-Length} before it is read,
 * but one sent chunked is streamed to the parser here, and the HTTP layer's own limit (set a little
 * higher, so this one is met first) would answer a bare 413 without a body.
 */
final class LimitedPushStream extends FilterInputStream {

    private final long maxBytes;
    private long read;

    LimitedPushStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > maxBytes) {
            throw new PlatformException(ErrorCode.PAYLOAD_TOO_LARGE, "The push body outgrew the limit of "
                    + ByteSizes.describe(maxBytes) + "; send it in smaller batches");
        }
    }
}
