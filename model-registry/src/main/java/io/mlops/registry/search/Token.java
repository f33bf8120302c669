package io.mlops.registry.search;

/**
 * One lexical token of a filter or order-by expression.
 *
 * @param position 1-based character position in the input, reported in errors
 */
record Token(Kind kind, String text, int position) {

    enum Kind {
        IDENTIFIER, BACKTICKED, STRING, NUMBER, OPERATOR, LPAREN, RPAREN, COMMA, DOT, END
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String describe() {
        return switch (kind) {
            case END -> "the end of the expression";
            case STRING -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
