package id.antrean.web;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import id.antrean.app.DisplayBoard;
import id.antrean.app.EventFeed;
import id.antrean.app.Offices;
import id.antrean.app.TicketDesk;
import id.antrean.app.TicketStatus;
import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.storage.EventStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;

/**
 * Server-Sent Event streams: the waiting-room display of an office and one resident's ticket.
 * A display reconnecting with Last-Event-ID gets what it missed from the feed, or a fresh
 * snapshot when it has been away too long.
 */
public final class StreamApi implements HttpService {
    /** Beyond this many missed events a fresh snapshot is cheaper than a replay. */
    static final int MAX_REPLAY = 500;

    private final Offices offices;
    private final TicketDesk desk;
    private final DisplayBoard board;
    private final EventStore events;
    private final EventFeed feed;
    private final StreamHub hub;
    private final Duration heartbeat;

    public StreamApi(Offices offices, TicketDesk desk, DisplayBoard board, EventStore events, EventFeed feed,
                     StreamHub hub, Duration heartbeat) {
        this.offices = offices;
        this.desk = desk;
        this.board = board;
        this.events = events;
        this.feed = feed;
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offices/{office}/display/stream", this::display)
                .get("/tickets/{token}/stream", this::ticket);
    }

    private void display(ServerRequest req, ServerResponse res) {
        Office office = offices.get(req.path().pathParameters().get("office"));
        StreamHub.Subscriber sub = hub.display(office.id());
        try {
            long lastId = lastEventId(req);
            SseStream sink = new SseStream(res);
            try {
                long sentUpTo = -1;
                if (lastId >= 0) {
                    List<EventStore.Event> missed = events.after(office.id(), lastId, MAX_REPLAY + 1);
                    if (missed.size() <= MAX_REPLAY && lastId <= feed.cursor() + MAX_REPLAY) {
                        sentUpTo = lastId;
                        java.util.Map<String, Object> room = board.roomNow(office);
                        for (EventStore.Event e : missed) {
                            DisplayBoard.Message m = board.message(office, e, room);
                            if (m != null) {
                                sink.write(StreamHub.Outgoing.of(m).frame());
                            }
                            sentUpTo = e.id();
                        }
                    }
                }
                if (sentUpTo < 0) {
                    DisplayBoard.Message snapshot = board.snapshot(office.id(), feed.cursor());
                    sink.write(StreamHub.Outgoing.of(snapshot).frame());
                    sentUpTo = snapshot.id();
                }
                sink.flush();
                pump(sink, sub, sentUpTo);
            } finally {
                sink.close();
            }
        } catch (UncheckedIOException | ServerConnectionException e) {
            // The client went away.
        } finally {
            hub.remove(sub);
        }
    }

    private void ticket(ServerRequest req, ServerResponse res) {
        TicketStatus status = desk.status(req.path().pathParameters().get("token"))
                .orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        Office office = offices.get(status.ticket().officeId());
        StreamHub.Subscriber sub = hub.ticket(office.id(), status.ticket().id());
        try {
            SseStream sink = new SseStream(res);
            try {
                long id = feed.cursor();
                String data = StreamHub.ticketJson(status, office);
                sub.lastData = data;
                sink.write(SseStream.frame("ticket", id, data));
                sink.flush();
                pump(sink, sub, -1);
            } finally {
                sink.close();
            }
        } catch (UncheckedIOException | ServerConnectionException e) {
            // The client went away.
        } finally {
            hub.remove(sub);
        }
    }

    /**
     * Writes queued messages until the client goes or falls too far behind; heartbeats in between.
     * Whatever is queued by the time one message is written goes out with it in one flush.
     */
    private void pump(SseStream sink, StreamHub.Subscriber sub, long skipUpTo) {
        try {
            while (!sub.dropped) {
                StreamHub.Outgoing out = sub.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (out == null) {
                    sink.ping();
                    sink.flush();
                    continue;
                }
                for (; out != null; out = sub.queue.poll()) {
                    if (out == StreamHub.Outgoing.CLOSE) {
                        sink.flush();
                        return;
                    }
                    if (out.id() > skipUpTo) {
                        sink.write(out.frame());
                    }
                }
                sink.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Last-Event-ID from the header (browsers) or the query (proxies that drop it); -1 when absent. */
    static long lastEventId(ServerRequest req) {
        String raw = req.headers().first(HeaderNames.create("Last-Event-ID"))
                .or(() -> req.query().first("lastEventId").asOptional())
                .orElse(null);
        if (raw == null || raw.isBlank()) {
            return -1;
        }
        try {
            return Math.max(-1, Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
