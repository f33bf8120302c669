package io.mlops.monitor.labels.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would run as formulas become text; numbers, negative ones too, stay numbers. */
class CsvCellsTest {

    @Test
    void formulasAreDefusedAndNumbersKept() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvCells.escape("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", CsvCells.escape("@SUM(A1)"));
        assertEquals("'+cmd", CsvCells.escape("+cmd"));
        assertEquals("'-2+3", CsvCells.escape("-2+3"));
        assertEquals("-1.5", CsvCells.escape("-1.5"));
        assertEquals("+2e10", CsvCells.escape("+2e10"));
        assertEquals("plain", CsvCells.escape("plain"));
        assertEquals("\"a,b\"", CsvCells.escape("a,b"));
    }
}
