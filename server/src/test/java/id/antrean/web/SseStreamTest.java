package id.antrean.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The frames written to event streams follow the text/event-stream format. */
class SseStreamTest {

    @Test
    void aFrameHasNameIdAndOneDataFieldPerLineAndEndsWithABlankLine() {
        assertThat(new String(SseStream.frame("called", 42, "{\"number\":\"A-001\"}"), StandardCharsets.UTF_8))
                .isEqualTo("event: called\nid: 42\ndata: {\"number\":\"A-001\"}\n\n");
        // A line break in the data would otherwise end the field early and lose the rest.
        assertThat(new String(SseStream.frame("note", 7, "satu\ndua"), StandardCharsets.UTF_8))
                .isEqualTo("event: note\nid: 7\ndata: satu\ndata: dua\n\n");
        assertThat(new String(SseStream.frame("ticket", 1, "Antrean ké-3"), StandardCharsets.UTF_8))
                .endsWith("data: Antrean ké-3\n\n");
    }
}
