package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import id.antrean.domain.Counter;
import id.antrean.domain.CounterStatus;
import id.antrean.domain.HealthReminders;
import id.antrean.domain.Office;
import id.antrean.domain.Service;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.CounterStatusStore;
import id.antrean.storage.Database;
import id.antrean.storage.EventStore;
import id.antrean.storage.TicketStore;

/**
 * What the waiting-room display shows, as a snapshot and as messages made from the event feed.
 * Only ticket numbers and counters: no personal data ever reaches a display.
 */
public final class DisplayBoard {
    private static final int RECENT_CALLS = 10;

    private final Database db;
    private final Offices offices;
    private final TicketStore tickets;
    private final EventStore events;
    private final CounterDesk counters;
    private final Clock clock;
    private final CounterStatusStore statuses;

    public DisplayBoard(Database db, Offices offices, TicketStore tickets, EventStore events, CounterDesk counters,
                        Clock clock, CounterStatusStore statuses) {
        this.statuses = statuses;
        this.db = db;
        this.offices = offices;
        this.tickets = tickets;
        this.events = events;
        this.counters = counters;
        this.clock = clock;
    }

    /** One message for a display: SSE event name, feed id and JSON-ready data. */
    public record Message(String name, long id, Map<String, Object> data) {
    }

    /** A snapshot kept for the displays that connect right after it was taken. */
    private record Kept(Message message, long builtNanos) {
    }

    private final Map<String, Kept> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> building = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The whole picture, current at least to {@code seenUpTo} (the feed id this node has passed on).
     * When every display reconnects at once (a node restart, a network blip) one snapshot is read
     * per office and shared, instead of one per display exhausting the connection pool.
     */
    public Message snapshot(String officeId, long seenUpTo) {
        Object lock = building.computeIfAbsent(officeId, k -> new Object());
        synchronized (lock) {
            Kept k = kept.get(officeId);
            if (k != null && k.message().id() >= seenUpTo && System.nanoTime() - k.builtNanos() < KEEP_NANOS) {
                Map<String, Object> data = new LinkedHashMap<>(k.message().data());
                data.put("serverTime", clock.instant().toString());
                return new Message(k.message().name(), k.message().id(), data);
            }
            Message fresh = snapshot(officeId);
            kept.put(officeId, new Kept(fresh, System.nanoTime()));
            return fresh;
        }
    }

    /** How long a snapshot may be shared; the feed's messages carry displays on from there. */
    private static final long KEEP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    /** The whole picture at one moment, with the feed id it is current to. */
    public Message snapshot(String officeId) {
        Office office = offices.get(officeId);
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(office.zone());
        LocalDate today = local.toLocalDate();
        return db.snapshot(exec -> {
            long id = events.maxId(exec);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("office", Map.of("id", office.id(), "name", text(office.name()), "timeZone", office.zone().getId()));
            Map<String, Ticket> atCounter = new LinkedHashMap<>();
            for (Ticket t : tickets.atCounters(exec, officeId, today)) {
                atCounter.put(t.counterId(), t);
            }
            Map<String, CounterStatusStore.Entry> status = statuses.all(exec, officeId);
            List<Map<String, Object>> counterTiles = new ArrayList<>();
            for (Counter c : office.settings().counters()) {
                Ticket t = atCounter.get(c.id());
                Map<String, Object> tile = new LinkedHashMap<>();
                tile.put("id", c.id());
                tile.put("name", c.name());
                tile.put("current", t == null ? null : Map.of("number", t.number(), "state", t.state().name(),
                        "calledAt", t.calledAt().toString(), "recalls", t.recalls()));
                tile.put("status", status.containsKey(c.id()) ? status.get(c.id()).status().name() : CounterStatus.OPEN.name());
                counterTiles.add(tile);
            }
            data.put("counters", counterTiles);
            Instant midnight = today.atStartOfDay(office.zone()).toInstant();
            data.put("recentCalls", events.recentCalls(exec, officeId, midnight, RECENT_CALLS).stream()
                    .map(e -> call(office, e)).toList());
            data.put("admitted", tickets.admitted(exec, officeId, today).stream().map(Ticket::number).toList());
            data.putAll(occupancy(exec, office, now));
            data.put("reminders", HealthReminders.ALL.stream().map(DisplayBoard::text).toList());
            data.put("display", display(office));
            data.put("serverTime", now.toString());
            return new Message("snapshot", id, data);
        });
    }

    /**
     * The room's counts now, taken once per batch of events and carried by each of its messages
     * (the counts are the same for all of them: they are read after the batch was written).
     */
    public Map<String, Object> roomNow(Office office) {
        return db.read(exec -> room(exec, office, clock.instant()));
    }

    /** The display message for one feed event, or null when displays do not care about it. */
    public Message message(Office office, EventStore.Event e, Map<String, Object> room) {
        JsonNode p = e.payload();
        Map<String, Object> data = new LinkedHashMap<>();
        String name;
        switch (e.type()) {
            case "TICKET_CALLED", "TICKET_RECALLED" -> {
                name = e.type().equals("TICKET_CALLED") ? "called" : "recalled";
                data.putAll(call(office, e));
            }
            case "TICKET_ADMITTED" -> {
                name = "admitted";
                data.put("number", p.path("number").asText());
                data.put("at", e.createdAt().toString());
            }
            case "TICKET_SERVING" -> {
                name = "serving";
                data.put("number", p.path("number").asText());
                data.put("counter", counter(office, p.path("counterId").asText(null)));
                data.put("at", e.createdAt().toString());
            }
            case "TICKET_FINISHED", "TICKET_CANCELLED" -> {
                name = "finished";
                data.put("number", p.path("number").asText());
                data.put("outcome", p.path("outcome").asText(e.type().equals("TICKET_CANCELLED") ? "CANCELLED" : "DONE"));
                data.put("counter", counter(office, p.path("counterId").asText(null)));
            }
            case "TICKET_TRANSFERRED" -> {
                // Handed to another counter: announced as a call there; the old counter's tile clears.
                name = "called";
                data.putAll(call(office, e));
                data.put("transferredFrom", counter(office, p.path("from").path("id").asText(null)));
            }
            case "COUNTER_STATUS" -> {
                name = "counter";
                data.put("counter", counter(office, p.path("counter").path("id").asText(null)));
                data.put("status", p.path("status").asText("OPEN"));
            }
            case "TICKET_ISSUED", "TICKET_REQUEUED" -> name = "occupancy";
            case "SETTINGS_CHANGED" -> {
                name = "settings";
                data.put("counters", office.settings().counters().stream().map(c -> Map.of("id", c.id(), "name", c.name())).toList());
                data.put("roomCapacity", office.settings().roomCapacity());
                data.put("display", display(office));
            }
            default -> {
                return null;
            }
        }
        // Counts ride along with every message, so one feed event is one display message (one id).
        if (name.equals("occupancy")) {
            data.putAll(room);
        }
        data.put("room", room);
        return new Message(name, e.id(), data);
    }

    /** Room occupancy, people waiting outside and the day's quota, as the snapshot carries them. */
    private Map<String, Object> occupancy(io.helidon.dbclient.DbExecute exec, Office office, Instant now) {
        Map<String, Object> room = room(exec, office, now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("occupancy", Map.of("present", room.get("present"), "capacity", room.get("capacity")));
        m.put("waitingOutside", room.get("waitingOutside"));
        m.put("quota", room.get("quota"));
        return m;
    }

    /** The same counts flat, as the {@code occupancy} message carries them. */
    private Map<String, Object> room(io.helidon.dbclient.DbExecute exec, Office office, Instant now) {
        ZonedDateTime local = now.atZone(office.zone());
        LocalDate today = local.toLocalDate();
        TicketStore.RoomCounts counts = tickets.roomCountsIn(exec, office.id(), today, local.getHour() * 60 + local.getMinute());
        Service inOffice = office.services().stream().filter(Service::inOffice).findFirst().orElse(null);
        int issued = inOffice == null ? 0 : tickets.issued(exec, office.id(), inOffice.code(), today);
        int limit = inOffice == null ? 0 : office.settings().quota(inOffice.code());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", counts.present());
        m.put("capacity", office.settings().roomCapacity());
        m.put("waitingOutside", counts.outside());
        m.put("quota", Map.of("issued", issued, "limit", limit));
        return m;
    }

    private Map<String, Object> call(Office office, EventStore.Event e) {
        JsonNode p = e.payload();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", p.path("number").asText());
        String counterId = p.has("counter") ? p.path("counter").path("id").asText(null) : p.path("counterId").asText(null);
        m.put("counter", counter(office, counterId));
        m.put("at", e.createdAt().toString());
        if (p.has("recalls")) {
            m.put("recalls", p.path("recalls").asInt());
        }
        return m;
    }

    private static Map<String, Object> counter(Office office, String counterId) {
        if (counterId == null) {
            return null;
        }
        String name = office.settings().counter(counterId).map(Counter::name).orElse("Loket " + counterId);
        return Map.of("id", counterId, "name", name);
    }

    /** Current status of every ticket of the office today, keyed by ticket id, in one query. */
    public Map<Long, TicketStatus> ticketStatuses(Office office) {
        Map<Long, TicketStatus> out = new LinkedHashMap<>();
        for (TicketStatus s : counters.queue(office)) {
            out.put(s.ticket().id(), s);
        }
        return out;
    }

    /** The office's notice line and its choice of voice, as snapshots and settings messages carry them. */
    static Map<String, Object> display(Office office) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notice", office.settings().display().notice());
        m.put("voice", office.settings().display().voice().name());
        return m;
    }

    static Map<String, String> text(Text t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("en", t.en());
        return m;
    }
}
