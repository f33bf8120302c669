package io.mlops.monitor.db;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer without the locking of {@code ByteArrayOutputStream}: the
 * packed features and the binary COPY tuple of every prediction are built with it.
 */
public final class GrowableBytes {

    private byte[] buf;
    private int size;

    public GrowableBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    public void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    public void putShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    public void putInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    public void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
