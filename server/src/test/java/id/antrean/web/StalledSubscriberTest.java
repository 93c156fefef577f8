package id.antrean.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A display that stops reading is dropped once it is a full queue behind (it reconnects and
 * resumes), while one that keeps up is never dropped: the drop branch itself, reached.
 */
class StalledSubscriberTest {

    @Test
    void aSubscriberAFullQueueBehindIsDroppedAndItsStreamClosed() {
        StreamHub hub = new StreamHub(null, null);
        StreamHub.Subscriber stalled = hub.display("oki");
        StreamHub.Subscriber keepingUp = hub.display("oki");
        List<StreamHub.Outgoing> read = new ArrayList<>();
        for (int i = 1; i <= StreamHub.QUEUE; i++) {
            StreamHub.Outgoing out = StreamHub.Outgoing.of("called", i, "{\"number\":\"A-" + i + "\"}");
            stalled.offer(out);
            keepingUp.offer(out);
            keepingUp.queue.drainTo(read);
        }
        // Exactly a full queue behind is still kept: a burst of one batch never drops a client.
        assertThat(stalled.dropped).isFalse();
        assertThat(stalled.queue).hasSize(StreamHub.QUEUE);
        StreamHub.Outgoing oneMore = StreamHub.Outgoing.of("called", StreamHub.QUEUE + 1, "{}");
        stalled.offer(oneMore);
        keepingUp.offer(oneMore);
        keepingUp.queue.drainTo(read);
        // One more: dropped, its backlog freed, and all that is left for its connection is CLOSE.
        assertThat(stalled.dropped).isTrue();
        assertThat(stalled.queue).containsExactly(StreamHub.Outgoing.CLOSE);
        assertThat(keepingUp.dropped).isFalse();
        assertThat(read).hasSize(StreamHub.QUEUE + 1);
        hub.remove(stalled);
        assertThat(hub.subscribers()).isEqualTo(1);
    }
}
