package io.releasewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTest {
    @Test
    void worstPrefersTheMoreSevereKnownStatus() {
        assertThat(Status.OK.worst(Status.WARNING)).isEqualTo(Status.WARNING);
        assertThat(Status.CRITICAL.worst(Status.WARNING)).isEqualTo(Status.CRITICAL);
        assertThat(Status.OK.worst(Status.UNAVAILABLE)).isEqualTo(Status.OK);
        assertThat(Status.UNAVAILABLE.worst(Status.CRITICAL)).isEqualTo(Status.CRITICAL);
        assertThat(Status.UNAVAILABLE.worst(Status.UNAVAILABLE)).isEqualTo(Status.UNAVAILABLE);
    }

    @Test
    void labelsRoundTrip() {
        for (Status s : Status.values()) assertThat(Status.parse(s.label())).isEqualTo(s);
    }
}
