package io.mlops.registry.search;

import io.mlops.registry.search.Filter.Comparison;
import io.mlops.registry.search.Filter.FieldRef;
import io.mlops.registry.search.Filter.Literal;
import io.mlops.registry.search.Filter.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the filter language shared by models, versions and runs:
 *
 * <pre>
 * filter     = or END
 * or         = and { "OR" and }
 * and        = primary { "AND" primary }
 * primary    = "(" or ")" | comparison
 * comparison = field ( op value | ["NOT"] "IN" "(" value { "," value } ")" | "IS" ["NOT"] "NULL" )
 * field      = name [ "." key ]          name, key: identifier or `backticked`
 * op         = "=" | "!=" | "<>" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE"
 * value      = 'string' | "string" | number
 * </pre>
 *
 * Keywords are case-insensitive. The tree says nothing about which fields exist; {@link SqlFilter}
 * checks that against an entity's {@link FieldCatalog}.
 */
public final class FilterParser {

    private static final int MAX_LENGTH = 10_000;
    private static final int MAX_IN_VALUES = 1_000;

    /** Deepest nesting of parentheses a filter may use. */
    static final int MAX_DEPTH = 100;

    private final List<Token> tokens;
    private final String parameter;
    private int index;
    private int depth;

    private FilterParser(List<Token> tokens, String parameter) {
        this.tokens = tokens;
        this.parameter = parameter;
    }

    /** The tree of {@code text}, or {@code null} for a blank filter (everything matches). */
    public static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidFilterException("filter", "longer than " + MAX_LENGTH + " characters");
        }
        FilterParser parser = new FilterParser(Lexer.tokenize(text, "filter"), "filter");
        Filter filter = parser.or();
        parser.expectEnd();
        return filter;
    }

    /** Reads {@code field [ASC|DESC] {, field [ASC|DESC]}}; blank gives an empty list. */
    public static List<SortKey> parseOrderBy(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        FilterParser parser = new FilterParser(Lexer.tokenize(text, "orderBy"), "orderBy");
        List<SortKey> keys = new ArrayList<>();
        do {
            int position = parser.peek().position();
            FieldRef field = parser.field();
            boolean descending = false;
            if (parser.peek().isKeyword("DESC")) {
                descending = true;
                parser.index++;
            } else if (parser.peek().isKeyword("ASC")) {
                parser.index++;
            }
            keys.add(new SortKey(field, descending, position));
        } while (parser.accept(Token.Kind.COMMA));
        parser.expectEnd();
        return keys;
    }

    private Filter or() {
        List<Filter> clauses = new ArrayList<>();
        clauses.add(and());
        while (peek().isKeyword("OR")) {
            index++;
            clauses.add(and());
        }
        return clauses.size() == 1 ? clauses.get(0) : new Filter.Or(clauses);
    }

    private Filter and() {
        List<Filter> clauses = new ArrayList<>();
        clauses.add(primary());
        while (peek().isKeyword("AND")) {
            index++;
            clauses.add(primary());
        }
        return clauses.size() == 1 ? clauses.get(0) : new Filter.And(clauses);
    }

    private Filter primary() {
        int position = peek().position();
        if (accept(Token.Kind.LPAREN)) {
            // The parser recurses once per parenthesis: a bound keeps a filter of thousands of them
            // from exhausting the thread's stack.
            if (++depth > MAX_DEPTH) {
                throw new InvalidFilterException(parameter, "parentheses nest deeper than " + MAX_DEPTH, position);
            }
            Filter inner = or();
            expect(Token.Kind.RPAREN, "')'");
            depth--;
            return inner;
        }
        return comparison();
    }

    private Filter comparison() {
        int position = peek().position();
        FieldRef field = field();
        Token op = peek();
        if (op.isKeyword("IS")) {
            index++;
            boolean negated = false;
            if (peek().isKeyword("NOT")) {
                negated = true;
                index++;
            }
            if (!peek().isKeyword("NULL")) {
                throw error("expected NULL after IS but found " + peek().describe(), peek());
            }
            index++;
            return new Filter.IsNull(field, negated, position);
        }
        if (op.isKeyword("NOT") || op.isKeyword("IN")) {
            boolean negated = op.isKeyword("NOT");
            index++;
            if (negated) {
                if (!peek().isKeyword("IN")) {
                    throw error("expected IN after NOT but found " + peek().describe(), peek());
                }
                index++;
            }
            return new Comparison(field, negated ? Operator.NOT_IN : Operator.IN, valueList(), position);
        }
        Operator operator = operator(op);
        index++;
        return new Comparison(field, operator, List.of(value()), position);
    }

    private Operator operator(Token op) {
        if (op.kind() == Token.Kind.OPERATOR) {
            return switch (op.text()) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NE;
                case ">" -> Operator.GT;
                case ">=" -> Operator.GE;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LE;
                default -> throw error("unknown operator " + op.describe(), op);
            };
        }
        if (op.isKeyword("LIKE")) {
            return Operator.LIKE;
        }
        if (op.isKeyword("ILIKE")) {
            return Operator.ILIKE;
        }
        throw error("expected an operator (=, !=, >, >=, <, <=, LIKE, ILIKE, IN, IS NULL) but found "
                + op.describe(), op);
    }

    private List<Literal> valueList() {
        expect(Token.Kind.LPAREN, "'(' after IN");
        List<Literal> values = new ArrayList<>();
        do {
            values.add(value());
            if (values.size() > MAX_IN_VALUES) {
                throw error("more than " + MAX_IN_VALUES + " values in IN", peek());
            }
        } while (accept(Token.Kind.COMMA));
        expect(Token.Kind.RPAREN, "')' closing the IN list");
        return values;
    }

    private Literal value() {
        Token token = peek();
        index++;
        return switch (token.kind()) {
            case STRING -> new Literal(token.text(), token.position());
            case NUMBER -> new Literal(Double.parseDouble(token.text()), token.position(), token.text());
            default -> throw error("expected a quoted string or a number but found " + token.describe(), token);
        };
    }

    private FieldRef field() {
        Token first = peek();
        if (first.kind() != Token.Kind.IDENTIFIER && first.kind() != Token.Kind.BACKTICKED) {
            throw error("expected a field name but found " + first.describe(), first);
        }
        index++;
        if (!accept(Token.Kind.DOT)) {
            return new FieldRef(null, first.text());
        }
        Token key = peek();
        if (key.kind() != Token.Kind.IDENTIFIER && key.kind() != Token.Kind.BACKTICKED
                && key.kind() != Token.Kind.STRING) {
            throw error("expected a key after '" + first.text() + ".' but found " + key.describe(), key);
        }
        index++;
        if (key.text().isEmpty()) {
            throw error("empty key after '" + first.text() + ".'", key);
        }
        // As in MLflow, everything after the first dot is the key: tags.mlflow.runName names the tag
        // "mlflow.runName" without quoting it.
        StringBuilder dotted = null;
        while (key.kind() == Token.Kind.IDENTIFIER && peek().kind() == Token.Kind.DOT
                && tokens.get(index + 1).kind() == Token.Kind.IDENTIFIER) {
            if (dotted == null) {
                dotted = new StringBuilder(key.text());
            }
            index++;
            dotted.append('.').append(peek().text());
            index++;
        }
        return new FieldRef(first.text(), dotted == null ? key.text() : dotted.toString());
    }

    private boolean accept(Token.Kind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(Token.Kind kind, String what) {
        if (!accept(kind)) {
            throw error("expected " + what + " but found " + peek().describe(), peek());
        }
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind() != Token.Kind.END) {
            String hint = "filter".equals(parameter) ? " (join conditions with AND or OR)" : " (separate keys with commas)";
            throw error("unexpected " + token.describe() + hint, token);
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private InvalidFilterException error(String message, Token at) {
        return new InvalidFilterException(parameter, message, at.position());
    }
}
