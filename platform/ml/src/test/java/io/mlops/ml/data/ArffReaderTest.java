package io.mlops.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArffReaderTest {

    private static final String SMALL = """
            % a comment
            @relation small
            @attribute 'plan type' { basic, 'pro plus', "x,y"}
            @attribute usage real
            @attribute churned {yes, no}
            @data
            basic, 1.5, no
            'pro plus',?,yes
            "x,y",3,no
            """;

    @Test
    void readsQuotedNominalsMissingValuesAndNumbers() {
        Table table = ArffReader.read("small", SMALL.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("plan type", "usage", "churned"), table.columns().stream().map(Column::name).toList());
        assertEquals(List.of("basic", "pro plus", "x,y"), table.column("plan type").categories());
        assertTrue(table.column("usage").isNumeric());
        assertEquals(3, table.size());
        assertArrayEquals(new Object[] {"basic", 1.5, "no"}, table.rows().get(0));
        assertNull(table.rows().get(1)[1]);
        assertEquals("x,y", table.rows().get(2)[0]);
        assertTrue(table.digest().matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void rejectsUndeclaredCategoriesAndRaggedRows() {
        String undeclared = SMALL.replace("basic, 1.5, no", "gold, 1.5, no");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ArffReader.read("bad", undeclared.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("'gold' is not a declared category of plan type"), e.getMessage());

        String ragged = SMALL.replace("basic, 1.5, no", "basic, 1.5");
        assertThrows(IllegalArgumentException.class, () -> ArffReader.read("bad", ragged.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void germanCreditIsBuiltIn() {
        Table credit = Datasets.load("credit-g");

        assertEquals(1000, credit.size());
        assertEquals(21, credit.columns().size());
        assertEquals(7, credit.columns().stream().filter(Column::isNumeric).count());
        assertEquals(List.of("good", "bad"), credit.column("class").categories());
        assertEquals(Datasets.load("credit-g").digest(), credit.digest(), "the digest identifies the bytes");
        long bad = credit.rows().stream().filter(r -> "bad".equals(r[credit.indexOf("class")])).count();
        assertEquals(300, bad, "the data set's documented class balance is 700 good / 300 bad");
    }
}
