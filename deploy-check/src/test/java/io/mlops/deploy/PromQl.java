package io.mlops.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the metric names a PromQL expression (or a Grafana variable query) reads. Not a full
 * parser: it removes what cannot be a metric name (strings, label matchers, ranges, grouping
 * clauses, numbers, Grafana variables), then takes every identifier that is not a function call
 * or a keyword.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern BRACES = Pattern.compile("\\{[^{}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-zA-Z$_]+");
    private static final Pattern AT = Pattern.compile("@\\s*(start\\(\\)|end\\(\\)|[0-9.]+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:])(0x[0-9a-fA-F]+|\\d+(\\.\\d*)?([eE][+-]?\\d+)?|\\.\\d+)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "Inf", "NaN");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private PromQl() {
    }

    /** Metric names read by a PromQL expression. */
    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = repeat(BRACES, s);
        s = repeat(BRACKETS, s);
        s = repeat(GROUPING, s);
        s = OFFSET.matcher(s).replaceAll(" ");
        s = AT.matcher(s).replaceAll(" ");
        s = VARIABLE.matcher(s).replaceAll(" ");
        s = NUMBER.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String name = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean call = next < s.length() && s.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Metric names read by a Grafana Prometheus variable query: {@code label_values(expr, label)},
     * {@code label_values(label)} (none), {@code query_result(expr)} or a plain expression.
     */
    static Set<String> variableQueryMetricNames(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        if (lv.matches()) {
            String args = lv.group(1);
            int comma = topLevelComma(args);
            return comma < 0 ? Set.of() : metricNames(args.substring(0, comma));
        }
        Matcher qr = QUERY_RESULT.matcher(query);
        if (qr.matches()) {
            return metricNames(qr.group(1));
        }
        return metricNames(query);
    }

    private static int topLevelComma(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String repeat(Pattern p, String s) {
        String previous;
        do {
            previous = s;
            s = p.matcher(s).replaceAll(" ");
        } while (!s.equals(previous));
        return s;
    }
}
