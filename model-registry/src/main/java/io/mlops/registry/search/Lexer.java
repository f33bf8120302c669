package io.mlops.registry.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter into tokens: identifiers, {@code `backticked keys`}, single- or double-quoted
 * strings (a quote doubled inside is a literal quote), numbers, operators, parentheses, commas and
 * dots. Anything else, such as {@code ;} or {@code --}, is an error at its position.
 */
final class Lexer {

    private final String input;
    private final String parameter;
    private int pos;

    private Lexer(String input, String parameter) {
        this.input = input;
        this.parameter = parameter;
    }

    static List<Token> tokenize(String input, String parameter) {
        return new Lexer(input, parameter).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= input.length()) {
                tokens.add(new Token(Token.Kind.END, "", pos + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Token.Kind.IDENTIFIER, input.substring(start, pos), start + 1);
        }
        if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < input.length()
                && (Character.isDigit(input.charAt(pos + 1)) || input.charAt(pos + 1) == '.'))) {
            return number(start);
        }
        return switch (c) {
            case '\'', '"' -> quoted(start, c, Token.Kind.STRING);
            case '`' -> quoted(start, '`', Token.Kind.BACKTICKED);
            case '(' -> single(Token.Kind.LPAREN, start);
            case ')' -> single(Token.Kind.RPAREN, start);
            case ',' -> single(Token.Kind.COMMA, start);
            case '.' -> single(Token.Kind.DOT, start);
            case '=' -> single(Token.Kind.OPERATOR, start);
            case '!' -> twoChar(start, "!=");
            case '<', '>' -> comparison(start, c);
            default -> throw new InvalidFilterException(parameter, "unexpected character '" + c + "'", start + 1);
        };
    }

    private Token number(int start) {
        if (input.charAt(pos) == '-' || input.charAt(pos) == '+') {
            pos++;
        }
        while (pos < input.length() && (Character.isDigit(input.charAt(pos)) || input.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '-' || input.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                pos++;
            }
        }
        String text = input.substring(start, pos);
        try {
            Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidFilterException(parameter, "'" + text + "' is not a number", start + 1);
        }
        if (pos < input.length() && (Character.isLetter(input.charAt(pos)) || input.charAt(pos) == '_')) {
            throw new InvalidFilterException(parameter, "unexpected character '" + input.charAt(pos)
                    + "' after the number " + text, pos + 1);
        }
        return new Token(Token.Kind.NUMBER, text, start + 1);
    }

    private Token quoted(int start, char quote, Token.Kind kind) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == quote) {
                if (pos < input.length() && input.charAt(pos) == quote) {
                    text.append(quote);
                    pos++;
                    continue;
                }
                return new Token(kind, text.toString(), start + 1);
            }
            if (c == '\0') {
                // PostgreSQL text cannot hold NUL: no stored value has one, and binding it is an error.
                throw new InvalidFilterException(parameter, "a NUL character cannot appear in a string or key", pos);
            }
            text.append(c);
        }
        throw new InvalidFilterException(parameter, "unterminated " + (kind == Token.Kind.STRING ? "string" : "quoted key")
                + " starting with " + quote, start + 1);
    }

    private Token single(Token.Kind kind, int start) {
        pos++;
        return new Token(kind, input.substring(start, pos), start + 1);
    }

    private Token twoChar(int start, String expected) {
        if (input.startsWith(expected, pos)) {
            pos += expected.length();
            return new Token(Token.Kind.OPERATOR, expected, start + 1);
        }
        throw new InvalidFilterException(parameter, "unexpected character '" + input.charAt(pos) + "'", start + 1);
    }

    private Token comparison(int start, char first) {
        pos++;
        if (pos < input.length() && (input.charAt(pos) == '=' || (first == '<' && input.charAt(pos) == '>'))) {
            pos++;
        }
        String op = input.substring(start, pos);
        return new Token(Token.Kind.OPERATOR, op.equals("<>") ? "!=" : op, start + 1);
    }

    private void skipSpace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }
}
