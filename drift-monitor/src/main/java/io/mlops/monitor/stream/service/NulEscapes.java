package io.mlops.monitor.stream.service;

/**
 * Finds a NUL character in JSON text. PostgreSQL's text and jsonb cannot hold one, so an event
 * carrying it (in a label, a category, a feature or model name) would fail every checkpoint that
 * stores it, and the stream would replay it for ever. JSON can only write NUL as an escape: a
 * backslash, {@code u} and four zeros; its backslash must not itself be escaped (an odd run of
 * backslashes), or it is literal text.
 */
final class NulEscapes {

    private NulEscapes() {
    }

    static boolean present(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0'
                    && json[i + 4] == '0' && json[i + 5] == '0') {
                int backslashes = 1;
                while (i - backslashes >= 0 && json[i - backslashes] == '\\') {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
