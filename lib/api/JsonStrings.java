package valor.api;

import java.util.Arrays;

/**
 * JSON text handled as UTF-8 bytes, for the page reader: the API sends a page's records as one
 * JSON string holding a JSON array, and unescaping it here, into bytes, spares a String of the
 * whole page and a second encoding of it.
 */
final class JsonStrings {
    private JsonStrings() {}

    /**
     * The content of the JSON string whose opening quote is at {@code quote}, unescaped, as UTF-8;
     * null when it escapes a lone surrogate (no UTF-8 for it: the caller reads the page another way).
     */
    static byte[] unescape(byte[] json, int quote) {
        byte[] out = new byte[64 + (json.length - quote)];
        int size = 0;
        for (int at = quote + 1; ; at++) {
            byte b = json[at];
            if (b == '"') return Arrays.copyOf(out, size);
            if (b != '\\') {
                out[size++] = b;
                continue;
            }
            byte escaped = json[++at];
            switch (escaped) {
                case 'b' -> out[size++] = '\b';
                case 'f' -> out[size++] = '\f';
                case 'n' -> out[size++] = '\n';
                case 'r' -> out[size++] = '\r';
                case 't' -> out[size++] = '\t';
                case 'u' -> {
                    int c = hex(json, at + 1);
                    at += 4;
                    if (Character.isHighSurrogate((char) c) && at + 6 < json.length && json[at + 1] == '\\' && json[at + 2] == 'u') {
                        int low = hex(json, at + 3);
                        if (!Character.isLowSurrogate((char) low)) return null;
                        c = Character.toCodePoint((char) c, (char) low);
                        at += 6;
                    } else if (Character.isSurrogate((char) c)) {
                        return null;
                    }
                    size = utf8(c, out, size);
                }
                default -> out[size++] = escaped; // \" \\ \/ (the parser that skipped the string has checked the rest)
            }
        }
    }

    private static int hex(byte[] json, int at) {
        int value = 0;
        for (int i = 0; i < 4; i++) value = value << 4 | Character.digit(json[at + i], 16);
        return value;
    }

    private static int utf8(int c, byte[] out, int at) {
        if (c < 0x80) {
            out[at++] = (byte) c;
        } else if (c < 0x800) {
            out[at++] = (byte) (0xC0 | c >> 6);
            out[at++] = (byte) (0x80 | c & 0x3F);
        } else if (c < 0x10000) {
            out[at++] = (byte) (0xE0 | c >> 12);
            out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[at++] = (byte) (0x80 | c & 0x3F);
        } else {
            out[at++] = (byte) (0xF0 | c >> 18);
            out[at++] = (byte) (0x80 | c >> 12 & 0x3F);
            out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[at++] = (byte) (0x80 | c & 0x3F);
        }
        return at;
    }

    static int skipWhitespace(byte[] json, int at) {
        while (at < json.length && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t')) at++;
        return at;
    }

    /**
     * Where a value that starts at {@code start} ends, given where a parser stopped after it: right
     * after an object, array or string, perhaps past the separator after a number or literal.
     */
    static int trimValueEnd(byte[] json, int start, int stopped) {
        int end = Math.min(stopped, json.length);
        if (json[start] == '{' || json[start] == '[' || json[start] == '"') return end;
        while (end > start + 1 && (json[end - 1] == ',' || json[end - 1] == ']' || json[end - 1] == '}' || json[end - 1] == ' '
                || json[end - 1] == '\n' || json[end - 1] == '\r' || json[end - 1] == '\t')) {
            end--;
        }
        return end;
    }
}
