package io.pandu.rules;

/** Offsets to line/column, and a view of source code with comments and string literals blanked. */
final class SourceText {
    private SourceText() {
    }

    static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int column(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
        return offset - lineStart + 1;
    }

    /** Replaces comments and the contents of string literals with spaces, keeping every offset. */
    static String blankCommentsAndStrings(String text) {
        char[] out = text.toCharArray();
        int i = 0;
        while (i < out.length) {
            char c = out[i];
            if (c == '/' && i + 1 < out.length && out[i + 1] == '/') {
                while (i < out.length && out[i] != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < out.length && out[i + 1] == '*') {
                while (i < out.length && !(out[i] == '*' && i + 1 < out.length && out[i + 1] == '/')) {
                    if (out[i] != '\n') {
                        out[i] = ' ';
                    }
                    i++;
                }
                if (i < out.length) {
                    out[i++] = ' ';
                    if (i < out.length) {
                        out[i++] = ' ';
                    }
                }
            } else if (c == '"' || c == '\'') {
                char quote = c;
                i++;
                while (i < out.length && out[i] != quote && out[i] != '\n') {
                    if (out[i] == '\\' && i + 1 < out.length) {
                        out[i++] = ' ';
                    }
                    out[i++] = ' ';
                }
                i++;
            } else {
                i++;
            }
        }
        return new String(out);
    }
}
