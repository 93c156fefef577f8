package id.antrean.web;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import id.antrean.app.DisplayBoard;
import id.antrean.app.EventFeed;
import id.antrean.app.Offices;
import id.antrean.app.TicketStatus;
import id.antrean.domain.Office;
import id.antrean.storage.EventStore;

/**
 * This node's stream subscribers: the displays of each office and the residents following one
 * ticket. Each message is built once per node and handed to every subscriber's own bounded
 * queue; a subscriber that falls behind is dropped (it reconnects and resumes), so one slow or
 * dead client never holds up the others.
 */
public final class StreamHub implements Consumer<List<EventStore.Event>>, AutoCloseable {
    /**
     * Messages a subscriber may fall behind before it is dropped: two of the feed's batches, so a
     * burst handed over in one poll never drops a client that is keeping up. Linked, so memory is
     * taken only while a client is behind, not for every idle display.
     */
    static final int QUEUE = 2 * EventFeed.BATCH;

    private final Offices offices;
    private final DisplayBoard board;
    private final Map<String, Set<Subscriber>> displays = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, Set<Subscriber>>> tickets = new ConcurrentHashMap<>();

    public StreamHub(Offices offices, DisplayBoard board) {
        this.offices = offices;
        this.board = board;
    }

    /** One message: SSE event id and the frame that goes on the wire, built once for all its readers. */
    record Outgoing(long id, byte[] frame) {
        static final Outgoing CLOSE = new Outgoing(-1, new byte[0]);

        static Outgoing of(String name, long id, String data) {
            return new Outgoing(id, SseStream.frame(name, id, data));
        }

        static Outgoing of(DisplayBoard.Message m) {
            return of(m.name(), m.id(), new String(Json.bytes(m.data()), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A connected client with its queue; the connection's own thread writes what is queued. */
    static final class Subscriber {
        final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>(QUEUE);
        final String officeId;
        final Long ticketId;
        volatile boolean dropped;
        volatile String lastData;

        Subscriber(String officeId, Long ticketId) {
            this.officeId = officeId;
            this.ticketId = ticketId;
        }

        void offer(Outgoing out) {
            if (!queue.offer(out)) {
                dropped = true;
                queue.clear();
                queue.offer(Outgoing.CLOSE);
            }
        }
    }

    Subscriber display(String officeId) {
        Subscriber s = new Subscriber(officeId, null);
        displays.computeIfAbsent(officeId, k -> ConcurrentHashMap.newKeySet()).add(s);
        return s;
    }

    Subscriber ticket(String officeId, long ticketId) {
        Subscriber s = new Subscriber(officeId, ticketId);
        tickets.computeIfAbsent(officeId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(ticketId, k -> ConcurrentHashMap.newKeySet()).add(s);
        return s;
    }

    void remove(Subscriber s) {
        if (s.ticketId == null) {
            Set<Subscriber> set = displays.get(s.officeId);
            if (set != null) {
                set.remove(s);
            }
        } else {
            Map<Long, Set<Subscriber>> byTicket = tickets.get(s.officeId);
            if (byTicket != null) {
                byTicket.computeIfPresent(s.ticketId, (k, set) -> {
                    set.remove(s);
                    return set.isEmpty() ? null : set;
                });
            }
        }
    }

    int subscribers() {
        return displays.values().stream().mapToInt(Set::size).sum()
                + tickets.values().stream().flatMap(m -> m.values().stream()).mapToInt(Set::size).sum();
    }

    /** A batch of feed events, in id order, on the feed's thread. */
    @Override
    public void accept(List<EventStore.Event> batch) {
        Map<String, List<EventStore.Event>> byOffice = new LinkedHashMap<>();
        for (EventStore.Event e : batch) {
            if (e.officeId() != null) {
                byOffice.computeIfAbsent(e.officeId(), k -> new java.util.ArrayList<>()).add(e);
            }
        }
        byOffice.forEach(this::deliver);
    }

    private void deliver(String officeId, List<EventStore.Event> events) {
        Set<Subscriber> screens = displays.getOrDefault(officeId, Set.of());
        Map<Long, Set<Subscriber>> followers = tickets.getOrDefault(officeId, Map.of());
        if (screens.isEmpty() && followers.isEmpty()) {
            return;
        }
        Office office = offices.get(officeId);
        if (!screens.isEmpty()) {
            Map<String, Object> room = board.roomNow(office);
            for (EventStore.Event e : events) {
                DisplayBoard.Message m = board.message(office, e, room);
                if (m != null) {
                    Outgoing out = Outgoing.of(m);
                    screens.forEach(s -> s.offer(out));
                }
            }
        }
        if (!followers.isEmpty()) {
            // Any change in the office may move everyone's position: one query, then each follower.
            long id = events.getLast().id();
            Map<Long, TicketStatus> statuses = board.ticketStatuses(office);
            followers.forEach((ticketId, subs) -> {
                TicketStatus status = statuses.get(ticketId);
                if (status != null) {
                    String data = ticketJson(status, office);
                    Outgoing out = null;
                    for (Subscriber s : subs) {
                        if (!data.equals(s.lastData)) {
                            s.lastData = data;
                            // Framed once for all the phones following this ticket.
                            out = out == null ? Outgoing.of("ticket", id, data) : out;
                            s.offer(out);
                        }
                    }
                }
            });
        }
    }

    static String ticketJson(TicketStatus status, id.antrean.domain.Office office) {
        return new String(Json.bytes(Views.publicTicket(status, office)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Ends every stream of this node, e.g. on shutdown. */
    @Override
    public void close() {
        displays.values().forEach(set -> set.forEach(s -> {
            s.dropped = true;
            s.queue.offer(Outgoing.CLOSE);
        }));
        tickets.values().forEach(m -> m.values().forEach(set -> set.forEach(s -> {
            s.dropped = true;
            s.queue.offer(Outgoing.CLOSE);
        })));
    }
}
