package io.mlops.registry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.registry.search.FieldCatalog.Type;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    private static final FieldCatalog FIELDS = new FieldCatalog("things")
            .field("t.name", Type.TEXT, "name")
            .field("t.version", Type.NUMBER, "version")
            .field("t.created_at", Type.TIMESTAMP, "createdAt")
            .enumeration("t.status", Set.of("READY", "ARCHIVED"), "status")
            .jsonText("tags", "t.tags")
            .jsonNumber("metrics", "t.metrics");

    @Test
    void translatesAConjunctionToParameterisedSql() {
        SqlFragment sql = where("name = 'churn' AND tags.team = 'risk' AND metrics.auc > 0.8 AND status = 'ready'");
        assertEquals("(t.name = ? AND t.tags @> jsonb_build_object(?::text, ?::text) AND ((t.metrics ->> ?)::float8) > ?"
                + " AND t.status = ?)", sql.sql());
        assertEquals(List.of("churn", "team", "risk", "auc", 0.8, "READY"), sql.params());
    }

    @Test
    void keepsQuotesAndSqlInsideValues() {
        SqlFragment sql = where("name = 'x'' OR ''1''=''1' AND tags.`odd key; --` = \"'; DROP TABLE t; --\"");
        assertEquals(List.of("x' OR '1'='1", "odd key; --", "'; DROP TABLE t; --"), sql.params());
        assertTrue(!sql.sql().contains("DROP"));
    }

    @Test
    void supportsOrParenthesesInLikeAndNull() {
        SqlFragment sql = where("(version IN (1, 2) OR name ILIKE 'c%') AND tags.x IS NOT NULL AND status NOT IN ('ARCHIVED')");
        assertEquals("((t.version IN (?, ?) OR t.name ILIKE ?) AND (t.tags ->> ?) IS NOT NULL AND t.status NOT IN (?))",
                sql.sql());
        assertEquals(List.of(1.0, 2.0, "c%", "x", "ARCHIVED"), sql.params());
    }

    @Test
    void comparesTimestampsAsTimes() {
        SqlFragment sql = where("createdAt >= '2024-05-01T00:00:00Z'");
        assertEquals(OffsetDateTime.parse("2024-05-01T00:00:00Z"), sql.params().get(0));
    }

    @Test
    void reportsWhereTheFilterBreaks() {
        assertPosition("name = 'x' OR 1=1 --", 19, "unexpected character '-'");
        assertPosition("name = 'x' OR 1=1", 15, "expected a field name");
        assertPosition("name = 'x'; DROP TABLE t", 11, "unexpected character ';'");
        assertPosition("name == 'x'", 7, "expected a quoted string or a number");
        assertPosition("name = 'x' status = 'READY'", 12, "join conditions with AND or OR");
        assertPosition("bogus = 1", 1, "unknown field 'bogus'");
        assertPosition("version > 'one'", 11, "numeric");
        assertPosition("status = 'GONE'", 10, "one of");
        assertPosition("name = 'open", 8, "unterminated string");
        assertPosition("status > 'READY'", 1, "=, != or IN");
        assertPosition("name LIKE '%\\'", 11, "cannot end with the escape character");
        assertPosition("tags.team ILIKE 'a\\\\\\'", 17, "cannot end with the escape character");
        assertEquals("t.name LIKE ?", where("name LIKE 'a\\\\'").sql(), "an escaped backslash is fine");
    }

    @Test
    void parsesOrderBy() {
        List<SortKey> keys = FilterParser.parseOrderBy("metrics.auc DESC, name");
        assertEquals(2, keys.size());
        SqlFragment order = SqlFilter.orderBy(keys, FIELDS, "t.name", "t.id");
        assertEquals("((t.metrics ->> ?)::float8) DESC NULLS LAST, t.name ASC NULLS LAST, t.id", order.sql());
        assertEquals(List.of("auc"), order.params());
        assertThrows(InvalidFilterException.class, () -> FilterParser.parseOrderBy("name DESC DROP"));
    }

    @Test
    void everythingAfterAFamilysDotIsTheKeyAsInMlflow() {
        SqlFragment sql = where("tags.mlflow.runName = 'baseline' AND metrics.val.loss < 1 AND tags.`a.b` = 'c'");
        assertEquals(List.of("mlflow.runName", "baseline", "val.loss", 1.0, "a.b", "c"), sql.params());
        SqlFragment order = SqlFilter.orderBy(FilterParser.parseOrderBy("metrics.val.loss DESC"), FIELDS, "t.name", "t.id");
        assertEquals(List.of("val.loss"), order.params());
        assertPosition("tags.mlflow. = 'x'", 12, "expected an operator");
    }

    @Test
    void blankMeansEverything() {
        assertNull(FilterParser.parse("  "));
        assertEquals(SqlFragment.TRUE, SqlFilter.where(null, FIELDS));
    }

    private static SqlFragment where(String filter) {
        return SqlFilter.where(FilterParser.parse(filter), FIELDS);
    }

    private static void assertPosition(String filter, int position, String message) {
        InvalidFilterException e = assertThrows(InvalidFilterException.class, () -> where(filter));
        assertTrue(e.getMessage().contains("position " + position), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
