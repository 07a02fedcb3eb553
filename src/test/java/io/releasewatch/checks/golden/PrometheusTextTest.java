package io.releasewatch.checks.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.releasewatch.checks.golden.PrometheusText.Sample;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextTest {

    static final String EXPOSITION = String.join("\n",
            "# HELP http_requests_total The total number of HTTP requests.",
            "# TYPE http_requests_total counter",
            "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000",
            "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000",
            "",
            "# Escaping in label values:",
            "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9",
            "",
            "# Minimalistic line:",
            "metric_without_timestamp_and_labels 12.47",
            "",
            "# A weird metric from before the epoch:",
            "something_weird{problem=\"division by zero\"} +Inf -3982045",
            "",
            "# A histogram, which has a pretty complex representation in the text format:",
            "# HELP http_request_duration_seconds A histogram of the request duration.",
            "# TYPE http_request_duration_seconds histogram",
            "http_request_duration_seconds_bucket{le=\"0.05\"} 24054",
            "http_request_duration_seconds_bucket{le=\"0.1\"} 33444",
            "http_request_duration_seconds_bucket{le=\"0.2\"} 100392",
            "http_request_duration_seconds_bucket{le=\"0.5\"} 129389",
            "http_request_duration_seconds_bucket{le=\"1\"} 133988",
            "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320",
            "http_request_duration_seconds_sum 53423",
            "http_request_duration_seconds_count 144320",
            "",
            "# Finally a summary, which has a complex representation, too:",
            "# HELP rpc_duration_seconds A summary of the RPC duration in seconds.",
            "# TYPE rpc_duration_seconds summary",
            "rpc_duration_seconds{quantile=\"0.01\"} 3102",
            "rpc_duration_seconds{quantile=\"0.5\"} 4773",
            "rpc_duration_seconds{quantile=\"0.99\"} NaN",
            "rpc_duration_seconds_sum 1.7560473e+07",
            "rpc_duration_seconds_count 2693",
            "# TYPE temperature gauge",
            "temperature{ room = \"a\" , } -Inf",
            "temperature{} -2.5E-3",
            "up 1",
            "");

    @Test
    void parsesTheReferenceExposition() {
        PrometheusText text = PrometheusText.parse(EXPOSITION);

        assertThat(text.samples()).hasSize(21);
        assertThat(text.names()).containsExactly("http_requests_total", "msdos_file_access_time_seconds",
                "metric_without_timestamp_and_labels", "something_weird", "http_request_duration_seconds_bucket",
                "http_request_duration_seconds_sum", "http_request_duration_seconds_count", "rpc_duration_seconds",
                "rpc_duration_seconds_sum", "rpc_duration_seconds_count", "temperature", "up");

        Sample first = text.samples().get(0);
        assertThat(first).isEqualTo(new Sample("http_requests_total", Map.of("method", "post", "code", "200"), 1027));
        assertThat(first.labels().keySet()).containsExactly("method", "code"); // exposition order kept
        assertThat(text.samples("http_requests_total").get(1).value()).isEqualTo(3.0);

        Sample msdos = text.samples("msdos_file_access_time_seconds").get(0);
        assertThat(msdos.label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
        assertThat(msdos.label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(msdos.value()).isEqualTo(1.458255915e9);

        assertThat(text.samples("metric_without_timestamp_and_labels").get(0).labels()).isEmpty();
        assertThat(text.samples("metric_without_timestamp_and_labels").get(0).value()).isEqualTo(12.47);
        assertThat(text.samples("something_weird").get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);

        assertThat(text.samples("http_request_duration_seconds_bucket")).hasSize(6);
        Sample infBucket = text.samples("http_request_duration_seconds_bucket").get(5);
        assertThat(infBucket.label("le")).isEqualTo("+Inf");
        assertThat(infBucket.value()).isEqualTo(144320.0);
        assertThat(text.sum("http_request_duration_seconds_bucket", PrometheusText.labelEquals("le", "+Inf")))
                .isEqualTo(144320.0);

        assertThat(text.samples("rpc_duration_seconds").get(2).value()).isNaN();
        assertThat(text.samples("rpc_duration_seconds_sum").get(0).value()).isEqualTo(1.7560473e7);

        assertThat(text.samples("temperature").get(0).labels()).isEqualTo(Map.of("room", "a"));
        assertThat(text.samples("temperature").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(text.samples("temperature").get(1).labels()).isEmpty();
        assertThat(text.samples("temperature").get(1).value()).isCloseTo(-0.0025, within(1e-12));
        assertThat(text.samples("up").get(0).value()).isEqualTo(1.0);
    }

    @Test
    void lookupsAndSums() {
        PrometheusText text = PrometheusText.parse(EXPOSITION);
        assertThat(text.contains("http_requests_total")).isTrue();
        assertThat(text.contains("http_requests")).isFalse();
        assertThat(text.samples("nope")).isEmpty();
        assertThat(text.sum("http_requests_total")).isEqualTo(1030.0);
        assertThat(text.sum("http_requests_total", l -> l.get("code").startsWith("4"))).isEqualTo(3.0);
        assertThat(text.sum("nope")).isEqualTo(0.0);
        assertThat(text.sum("rpc_duration_seconds")).isNaN();
        assertThat(text.samples("http_requests_total", PrometheusText.labelEquals("code", "200")))
                .extracting(Sample::value).containsExactly(1027.0);
    }

    @Test
    void resultIsImmutable() {
        PrometheusText text = PrometheusText.parse(EXPOSITION);
        assertThatThrownBy(() -> text.samples().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> text.samples("up").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> text.samples().get(0).labels().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void crlfBlankAndEmptyInput() {
        assertThat(PrometheusText.parse("").samples()).isEmpty();
        assertThat(PrometheusText.parse("\n\n   \n# only a comment\n").samples()).isEmpty();
        PrometheusText text = PrometheusText.parse("# TYPE a counter\r\na_total{x=\"1\"} 5\r\nb 6 123\r\n");
        assertThat(text.samples()).containsExactly(
                new Sample("a_total", Map.of("x", "1"), 5), new Sample("b", Map.of(), 6));
    }

    @Test
    void labelValuesMayContainBracesCommasAndHashes() {
        Sample s = PrometheusText.parse("m{a=\"}{,=# x\",b=\"\"} 1").samples().get(0);
        assertThat(s.labels()).containsExactly(Map.entry("a", "}{,=# x"), Map.entry("b", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "missing value              | 'up'                             | expected a value after the metric name",
            "missing value after labels | 'up{job=\"x\"}'                  | expected a value after the metric name",
            "bad value                  | 'up one'                         | invalid sample value \"one\"",
            "java float suffix          | 'up 1d'                          | invalid sample value \"1d\"",
            "bad timestamp              | 'up 1 yesterday'                 | invalid timestamp",
            "trailing text              | 'up 1 123 extra'                 | unexpected text after the timestamp",
            "bad name char              | 'http-requests 1'                | unexpected character '-' after metric name",
            "name starts with digit     | '1up 1'                          | expected a metric name",
            "unterminated value         | 'up{job=\"x} 1'                  | unterminated value of label \"job\"",
            "unterminated set           | 'up{job=\"x\" 1'                 | expected ',' or '}'",
            "bad escape                 | 'up{job=\"a\\tb\"} 1'            | invalid escape sequence '\\t'",
            "unquoted value             | 'up{job=x} 1'                    | expected '\"' to open the value of label \"job\"",
            "missing equals             | 'up{job} 1'                      | expected '=' after label name \"job\"",
            "duplicate label            | 'up{a=\"1\",a=\"2\"} 1'          | duplicate label \"a\"",
            "bad label name             | 'up{1a=\"1\"} 1'                 | expected a label name",
    })
    void malformedLinesNameTheLineNumberAndTheLine(String caseName, String badLine, String reason) {
        String text = "# HELP up whether the target is up\n# TYPE up gauge\n\nok_metric 1\n" + badLine + "\nlater 2\n";
        PrometheusParseException e = catchThrowableOfType(() -> PrometheusText.parse(text), PrometheusParseException.class);
        assertThat(e).as(caseName).isNotNull().isInstanceOf(IllegalArgumentException.class);
        assertThat(e.lineNumber()).isEqualTo(5);
        assertThat(e.getMessage()).startsWith("line 5: ").contains(reason).endsWith(": " + badLine);
    }

    @Test
    void longMalformedLineIsTruncatedInTheMessage() {
        String longName = "x".repeat(500);
        String text = "a 1\n" + longName + "\n";
        assertThatThrownBy(() -> PrometheusText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: expected a value after the metric name: " + "x".repeat(200) + "...");
    }

    @Test
    void lineNumbersCountCrlfLinesAndComments() {
        PrometheusParseException e = catchThrowableOfType(
                () -> PrometheusText.parse("# c\r\n\r\na 1\r\nb {} oops\r\n"), PrometheusParseException.class);
        assertThat(e.lineNumber()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("line 4: invalid sample value \"oops\": b {} oops");
    }
}
