package io.mlops.features.online.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pushes lock online rows in the order materialisation does ({@code COLLATE "C"}, UTF-8 bytes):
 * the comparator must agree with byte order, where String's own order does not.
 */
class KeyOrderTest {

    @Test
    void keysSortInUtf8ByteOrder() {
        List<String> keys = new ArrayList<>(List.of("b", "B", "a", "ab", "", "\uFF21", "\uD83D\uDE00", "\u00E9", "a\uD83D\uDE00",
                "a\uFF21", "10", "9"));
        List<String> expected = new ArrayList<>(keys);
        expected.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        keys.sort(OnlineStore::byCodePoint);
        assertEquals(expected, keys);
        // String's natural order puts the emoji (a surrogate pair) before U+FF21; bytes put it after.
        assertEquals(-1, Integer.signum(OnlineStore.byCodePoint("\uFF21", "\uD83D\uDE00")));
    }
}
