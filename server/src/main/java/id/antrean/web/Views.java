package id.antrean.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.antrean.app.TicketDesk;
import id.antrean.app.TicketStatus;
import id.antrean.domain.Counter;
import id.antrean.domain.DayReport;
import id.antrean.domain.Office;
import id.antrean.domain.PriorityGroup;
import id.antrean.domain.Service;
import id.antrean.domain.Slot;
import id.antrean.domain.StaffMember;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.EventStore;

/** The JSON shapes of the API, built in one place so every endpoint says the same thing the same way. */
public final class Views {
    private Views() {
    }

    static Map<String, String> text(Text t) {
        return text(t.id(), t.en());
    }

    static Map<String, String> slot(Slot s) {
        return s == null ? null : ordered("start", Slot.hhmm(s.startMinute()), "end", Slot.hhmm(s.endMinute()));
    }

    static Map<String, String> counter(Counter c) {
        return c == null ? null : ordered("id", c.id(), "name", c.name());
    }

    /** A counter with its status now (open, on break, closed) and who set it when. */
    static Map<String, Object> counterNow(id.antrean.app.CounterBreaks.CounterNow c, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.counter().id());
        m.put("name", c.counter().name());
        m.put("status", c.status().name());
        m.put("statusLabel", ordered("id", c.status().label().id(), "en", c.status().label().en()));
        m.put("since", c.since() == null ? null : at(c.since(), zone));
        m.put("by", c.by());
        return m;
    }

    static Map<String, String> text(String id, String en) {
        return ordered("id", id, "en", en);
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static String at(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime().toString();
    }

    /** What anyone holding the ticket's token may see: no personal data. */
    public static Map<String, Object> publicTicket(TicketStatus s, ZoneId zone) {
        Ticket t = s.ticket();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("service", t.service());
        m.put("day", t.day().toString());
        m.put("slot", slot(t.slot()));
        m.put("state", t.state().name());
        m.put("stateLabel", text(t.state().label()));
        // Unknown only when the ticket is stored but its place could not be read: said as null.
        m.put("position", s.positionKnown() ? s.position() : null);
        m.put("peopleAhead", s.positionKnown() ? s.peopleAhead() : null);
        m.put("estimatedCallAt", at(s.estimatedCallAt(), zone));
        m.put("counter", counter(s.counter()));
        m.put("recalls", t.recalls());
        m.put("refuseReason", t.refuseReason());
        m.put("cancellable", t.state().isCancellable());
        return m;
    }

    /**
     * The public view with what the ticket page says after the end: the refusal's reason in both
     * languages, and the next step (book again, what to bring, KTP-el printing over WhatsApp).
     */
    public static Map<String, Object> publicTicket(TicketStatus s, Office office) {
        Map<String, Object> m = publicTicket(s, office.zone());
        Ticket t = s.ticket();
        if (t.state() == id.antrean.domain.TicketState.REFUSED) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("code", id.antrean.domain.RefusalReason.ofStored(t.refuseReason()).code());
            r.put("reason", text(id.antrean.domain.RefusalReason.shownFor(t.refuseReason())));
            m.put("refusal", r);
        } else {
            m.put("refusal", null);
        }
        m.put("nextStep", id.antrean.domain.NextStep.of(t, office).map(n -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("text", text(n.text()));
            step.put("whatsapp", n.whatsApp() == null ? null : whatsapp(n.whatsApp()));
            return step;
        }).orElse(null));
        return m;
    }

    /** The answer to a ticket request: the public view plus the ids the kiosk prints. */
    public static Map<String, Object> issued(TicketStatus s, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.ticket().id());
        m.put("token", s.ticket().token());
        m.putAll(publicTicket(s, zone));
        m.put("statusUrl", "/t/" + s.ticket().token());
        return m;
    }

    /** What staff at a counter need; the NIK only as its last four digits. */
    public static Map<String, Object> staffTicket(TicketStatus s, ZoneId zone) {
        Ticket t = s.ticket();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.putAll(publicTicket(s, zone));
        m.put("priorityGroup", t.priorityGroup() == null ? null : t.priorityGroup().name());
        m.put("urgency", urgency(t));
        m.put("nikLast4", t.nikLast4());
        m.put("regionWarning", t.regionWarning());
        m.put("name", t.name());
        m.put("channel", t.channel().name());
        m.put("temperatureC", t.temperatureC());
        m.put("issuedAt", at(t.issuedAt(), zone));
        m.put("admittedAt", at(t.admittedAt(), zone));
        m.put("calledAt", at(t.calledAt(), zone));
        m.put("servingAt", at(t.servingAt(), zone));
        m.put("finishedAt", at(t.finishedAt(), zone));
        return m;
    }

    private static Map<String, Object> urgency(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", t.urgencyReason());
        m.put("note", t.urgencyNote());
        return m;
    }

    public static Map<String, Object> service(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code());
        m.put("inOffice", s.inOffice());
        m.put("name", text(s.name()));
        m.put("ticketPrefix", s.ticketPrefix());
        m.put("whatsapp", whatsapp(s));
        return m;
    }

    /** The WhatsApp contact of a service: number, how residents write it, chat link, what to send. */
    public static Map<String, Object> whatsapp(Service s) {
        if (s.whatsapp() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", s.whatsapp().e164());
        m.put("display", s.whatsapp().display());
        m.put("link", s.whatsapp().link());
        m.put("instructions", s.whatToSend() == null ? null : text(s.whatToSend()));
        return m;
    }

    public static Map<String, Object> kiosk(TicketDesk.KioskInfo k, String publicBaseUrl) {
        Office office = k.office();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("office", Map.of("id", office.id(), "name", text(office.name()), "timeZone", office.zone().getId()));
        m.put("publicBaseUrl", publicBaseUrl);
        // For the admin pages' banner (issue 13): UNSET or LOOPBACK when the ticket QR code would not open on a phone.
        m.put("publicUrlWarning", PublicAddress.problem(publicBaseUrl).isEmpty() ? null
                : publicBaseUrl == null ? "UNSET" : "LOOPBACK");
        m.put("today", k.today().toString());
        m.put("now", k.now().toOffsetDateTime().toString());
        m.put("open", k.open());
        m.put("opensAt", k.opensAt() == null ? null
                : Map.of("day", k.opensAt().toLocalDate().toString(), "time", k.opensAt().toLocalTime().toString()));
        m.put("closesAt", k.closesAt());
        m.put("services", office.services().stream().map(Views::service).toList());
        m.put("checklist", office.settings().checklist().stream().map(i -> Map.of("code", i.code(),
                "required", i.required(), "label", text(i.label()))).toList());
        m.put("urgencyReasons", office.settings().urgencyReasons().stream().map(r -> Map.of("code", r.code(),
                "label", text(r.label()), "noteRequired", r.needsNote())).toList());
        m.put("priorityGroups", List.of(PriorityGroup.values()).stream().map(g -> Map.of("code", g.name(),
                "label", text(g.label()))).toList());
        Map<String, Object> availability = new LinkedHashMap<>();
        office.services().stream().filter(Service::inOffice).findFirst()
                .ifPresent(s -> availability.put("service", s.code()));
        availability.put("quota", Map.of("issued", k.issued(), "limit", k.limit(), "left", Math.max(0, k.limit() - k.issued())));
        availability.put("nextFreeSlot", k.nextFreeDay() == null ? null : Map.of("day", k.nextFreeDay().toString(),
                "start", Slot.hhmm(k.nextFreeSlot()),
                "end", Slot.hhmm(Math.min(24 * 60, k.nextFreeSlot() + office.settings().slotMinutes()))));
        availability.put("occupancy", Map.of("present", k.present(), "capacity", office.settings().roomCapacity()));
        availability.put("waitingOutside", k.waitingOutside());
        m.put("availability", availability);
        // What the kiosk checks as the NIK is typed (the server checks it all again on the request).
        m.put("nik", Map.of("provinces", id.antrean.domain.NikPolicy.provinces()));
        // The office asks for a name (optional for the resident) so staff can greet them.
        m.put("askName", office.settings().kioskAskName());
        return m;
    }

    public static Map<String, Object> staff(StaffMember s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.username());
        m.put("role", s.role().name());
        m.put("disabled", s.disabled());
        m.put("lockedUntil", s.lockedUntil() == null ? null : s.lockedUntil().toString());
        m.put("createdAt", s.createdAt() == null ? null : s.createdAt().toString());
        return m;
    }

    public static Map<String, Object> event(EventStore.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("office", e.officeId());
        m.put("type", e.type());
        m.put("ticketId", e.ticketId());
        m.put("actor", e.actor());
        m.put("payload", e.payload());
        m.put("at", e.createdAt().toString());
        return m;
    }

    public static Map<String, Object> dayReport(DayReport d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", d.day().toString());
        m.put("issued", d.issued());
        m.put("served", d.served());
        m.put("noShow", d.noShow());
        m.put("refusedAtDoor", d.refusedAtDoor());
        m.put("refusedAtCounter", d.refusedAtCounter());
        m.put("cancelled", d.cancelled());
        m.put("waitMinutes", spread(d.waitMedian(), d.waitP90()));
        m.put("serviceMinutes", spread(d.serviceMedian(), d.serviceP90()));
        m.put("ticketsPerHour", d.ticketsPerHour());
        return m;
    }

    private static Map<String, Double> spread(Double median, Double p90) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("median", median);
        m.put("p90", p90);
        return m;
    }
}
