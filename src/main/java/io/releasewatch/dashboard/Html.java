package io.releasewatch.dashboard;

/** HTML escaping for every value that comes from outside: names, details, error texts. */
public final class Html {
    private Html() {
    }

    public static String escape(Object value) {
        if (value == null) return "";
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
