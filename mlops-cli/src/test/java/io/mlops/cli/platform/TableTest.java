package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest {

    @Test
    void alignsColumnsOnTheWidestCellWithoutTrailingSpaces() {
        String rendered = new Table("COMPONENT", "PORT", "URL")
                .row("model-registry", "8081", "http://127.0.0.1:8081")
                .row("kafka", "9092")
                .render();

        assertEquals("""
                COMPONENT       PORT  URL
                model-registry  8081  http://127.0.0.1:8081
                kafka           9092
                """, rendered);
    }

    @Test
    void colouredCellsDoNotShiftColumns() {
        String green = "\u001B[32mrunning\u001B[0m";
        String rendered = new Table("NAME", "STATE", "PID")
                .row("kafka", green, "12")
                .row("postgres", "stopped", "-")
                .render();

        String[] lines = rendered.split("\n");
        assertEquals("NAME      STATE    PID", lines[0]);
        assertEquals("kafka     " + green + "  12", lines[1]);
        assertEquals("postgres  stopped  -", lines[2]);
    }

    @Test
    void aRowWiderThanTheHeaderIsRejected() {
        Table table = new Table("A", "B");
        assertThrows(IllegalArgumentException.class, () -> table.row("1", "2", "3"));
    }

    @Test
    void visibleLengthIgnoresAnsiCodes() {
        assertEquals(5, Table.visibleLength("\u001B[1;31mready\u001B[0m"));
    }
}
