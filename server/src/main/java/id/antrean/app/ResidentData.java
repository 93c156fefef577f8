package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.EventStore;
import id.antrean.storage.PrivacyStore;
import id.antrean.storage.TicketStore;

/**
 * A resident's own personal data: what the ticket page shows them (masked) and their "delete my
 * WhatsApp number"; and a supervisor answering a resident's request at the counter, KTP in hand:
 * everything stored under that NIK, shown and erased, both in the audit trail.
 */
public final class ResidentData {
    private static final Pattern NIK = Pattern.compile("[0-9]{16}");
    /** A resident's tickets shown at once; a NIK gets one a day, so this is months of visits. */
    private static final int MAX_TICKETS = 200;

    private final Offices offices;
    private final TicketStore tickets;
    private final PrivacyStore store;
    private final EventStore events;
    private final Secrets secrets;
    private final Clock clock;

    public ResidentData(Offices offices, TicketStore tickets, PrivacyStore store, EventStore events, Secrets secrets,
                        Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.store = store;
        this.events = events;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** One ticket's personal data as stored now, with its consent and how long it is kept. */
    public record Stored(Ticket ticket, Instant erasedAt, Optional<PrivacyStore.ConsentRecord> consent,
                         PrivacyStore.MessageCount messages, int keepDays, LocalDate eraseBy) {
    }

    /** For the ticket page: whoever holds the slip (its token) sees this ticket's data, masked by the web layer. */
    public Stored ofToken(String token) {
        Ticket t = tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        return stored(offices.get(t.officeId()), t);
    }

    /** "Hapus nomor WhatsApp saya": consent withdrawn and the number erased now, wherever it is stored. */
    public Stored deleteWhatsApp(String token) {
        Ticket t = tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
        store.eraseWhatsApp(t, clock.instant());
        Ticket after = tickets.byId(t.id()).orElseThrow();
        return stored(offices.get(after.officeId()), after);
    }

    private Stored stored(Office office, Ticket t) {
        int keep = store.retention(office.id()).keepDaysTicket();
        Instant erased = store.erasedAt(t.id()).orElse(null);
        // Erased by the first run after the ticket's end plus the kept days; a ticket not yet ended: at the latest after its day.
        LocalDate eraseBy = null;
        if (erased == null) {
            Instant end = t.finishedAt() != null ? t.finishedAt()
                    : t.day().plusDays(1).atStartOfDay(office.zone()).toInstant();
            eraseBy = end.plus(java.time.Duration.ofDays(keep)).atZone(office.zone()).toLocalDate();
        }
        return new Stored(t, erased, store.consent(t.id()), store.messages(t.id()), keep, eraseBy);
    }

    /** A supervisor looks a resident up by the NIK on their KTP: every ticket still holding their data. */
    public List<Stored> show(String officeId, String nik, String actor) {
        Office office = offices.get(officeId);
        List<Ticket> found = ticketsOfNik(office.id(), nik);
        List<Stored> out = new ArrayList<>();
        found.forEach(t -> out.add(stored(office, t)));
        audit(office.id(), "PERSONAL_DATA_SHOWN", actor, Map.of("tickets", out.size()));
        return out;
    }

    /** What a supervisor's erasure did: tickets erased, and tickets left alone because they are still in the queue. */
    public record Erased(int tickets, int stillActive) {
    }

    /**
     * Erases the personal data of every ticket of this NIK that has ended. A ticket still in the queue
     * keeps its data (the counter needs it until it ends): the resident cancels it first, or it is
     * erased with the others once it has ended.
     */
    public Erased erase(String officeId, String nik, String actor) {
        Office office = offices.get(officeId);
        List<Ticket> found = ticketsOfNik(office.id(), nik);
        Instant now = clock.instant();
        LocalDate today = now.atZone(office.zone()).toLocalDate();
        int erased = 0;
        int active = 0;
        for (Ticket t : found) {
            if (t.state().isActive() && !t.day().isBefore(today)) {
                active++;
                continue;
            }
            if (store.database().inTransaction(tx -> store.eraseTicketNow(t, now, tx))) {
                erased++;
            }
        }
        audit(office.id(), "PERSONAL_DATA_ERASED", actor, Map.of("tickets", erased, "stillActive", active));
        return new Erased(erased, active);
    }

    /** A NIK's tickets under the current secret and any previous one (during a rotation). */
    private List<Ticket> ticketsOfNik(String officeId, String nik) {
        List<Ticket> all = new ArrayList<>();
        for (byte[] hash : secrets.nikHashes(officeId, checkedNik(nik))) {
            all.addAll(store.ticketsOfNik(officeId, hash, MAX_TICKETS));
        }
        return all;
    }

    private void audit(String officeId, String type, String actor, Map<String, ?> payload) {
        store.database().inTransaction(tx -> {
            events.append(tx, officeId, type, null, actor, payload, clock.instant());
            return null;
        });
    }

    static String checkedNik(String nik) {
        if (nik == null || !NIK.matcher(nik.strip()).matches()) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_NIK,
                    Text.of("NIK harus 16 angka, seperti tertulis di KTP.", "The NIK must be the 16 digits on the ID card."),
                    Map.of("field", "nik")));
        }
        return nik.strip();
    }
}
