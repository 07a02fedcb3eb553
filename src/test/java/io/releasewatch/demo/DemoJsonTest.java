package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoJsonTest {
    @Test
    void readsFlatObjects() {
        Map<String, String> m = Json.parseFlatObject(
                " {\"email\" : \"a@b.co\", \"name\":\"Q\\\"uote \\\\ \\u00e9\\n\", \"age\": 42, \"ok\":true, \"x\":null} ");
        assertThat(m).containsExactly(Map.entry("email", "a@b.co"), Map.entry("name", "Q\"uote \\ \u00e9\n"),
                Map.entry("age", "42"), Map.entry("ok", "true"));
        assertThat(Json.parseFlatObject("{}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x",
            "{\"a\":{\"b\":\"c\"}}", "{\"a\":[1]}", "{\"a\":\"b\",\"a\":\"c\"}", "{\"a\":\"\\x\"}", "{\"a\":tru}",
            "{\"a\":01}", "{a:\"b\"}", "{\"a\":\"b\"", "{\"a\":\"line\nbreak\"}"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Json.parseFlatObject(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesEscapedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001");
        m.put("n", 5L);
        m.put("b", false);
        m.put("l", List.of("x", 1));
        m.put("z", null);
        assertThat(Json.write(m)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":5,\"b\":false,\"l\":[\"x\",1],\"z\":null}");
        // What the writer produces, the reader takes back.
        assertThat(Json.parseFlatObject(Json.write(Map.of("k", "a\"b\\c\n\u0001"))))
                .containsEntry("k", "a\"b\\c\n\u0001");
    }
}
