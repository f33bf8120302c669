package io.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void plainWritesNoEscapeCodesOnTheSameStream() {
        StringWriter out = new StringWriter();
        Terminal coloured = new Terminal(new PrintWriter(out), new PrintWriter(new StringWriter()), true, true);
        assertNotEquals("ok", coloured.green("ok"), "a coloured terminal wraps text in escape codes");

        Terminal plain = coloured.plain();
        plain.println(plain.bold("step") + " " + plain.green("ok"));

        assertEquals("step ok" + System.lineSeparator(), out.toString());
        assertFalse(plain.interactive());
    }
}
