package io.mlops.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where commands write. On an interactive terminal it adds colour and a redrawable status line;
 * otherwise (a pipe, a file, CI) it writes plain lines only, so logs and scripts see clean text.
 * Colour also honours the {@code NO_COLOR} convention and {@code TERM=dumb}.
 */
public final class Terminal {

    private static final String RESET = "\u001B[0m";
    private static final String CLEAR_LINE = "\r\u001B[2K";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final boolean colour;
    private boolean statusShown;

    public Terminal(PrintWriter out, PrintWriter err, boolean interactive, boolean colour) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.colour = colour;
    }

    /** Interactive and coloured only when standard output is a terminal. */
    public static Terminal detect(PrintWriter out, PrintWriter err, Map<String, String> env) {
        boolean tty = System.console() != null;
        boolean colour = tty && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
        return new Terminal(out, err, tty, colour);
    }

    /** The same streams without colour or a status line: for scripts that asked for plain output. */
    public Terminal plain() {
        clearStatus();
        return new Terminal(out, err, false, false);
    }

    public boolean interactive() {
        return interactive;
    }

    public PrintWriter out() {
        return out;
    }

    /** Prints a line (clearing the status line first, if one is shown). */
    public void println(String line) {
        clearStatus();
        out.println(line);
        out.flush();
    }

    /** Prints text as is, e.g. a rendered table that already ends in a newline. */
    public void print(String text) {
        clearStatus();
        out.print(text);
        out.flush();
    }

    /** An error message on standard error, prefixed with {@code error:}. */
    public void error(String message) {
        clearStatus();
        out.flush();
        err.println(red("error: ") + message);
        err.flush();
    }

    /** A further line of an error report, on standard error, unprefixed. */
    public void errorDetail(String line) {
        clearStatus();
        err.println(line);
        err.flush();
    }

    /** A status line redrawn in place; ignored when not interactive, where it would only add noise. */
    public void status(String line) {
        if (!interactive) {
            return;
        }
        out.print(CLEAR_LINE + line);
        out.flush();
        statusShown = true;
    }

    public void clearStatus() {
        if (statusShown) {
            out.print(CLEAR_LINE);
            out.flush();
            statusShown = false;
        }
    }

    public String green(String text) {
        return paint("32", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String yellow(String text) {
        return paint("33", text);
    }

    public String bold(String text) {
        return paint("1", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    private String paint(String code, String text) {
        return colour ? "\u001B[" + code + "m" + text + RESET : text;
    }
}
