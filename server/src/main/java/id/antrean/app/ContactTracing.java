package id.antrean.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.antrean.domain.ContactOverlap;
import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.EventStore;
import id.antrean.storage.PrivacyStore;

/**
 * Contact tracing for the health office (Dinas Kesehatan / puskesmas): for one ticket (number and
 * day) or one resident (NIK, hashed as at the kiosk), everyone whose time in the waiting room or
 * at the same counter overlapped theirs, with the overlap in minutes, their ticket numbers and,
 * only where they said yes to WhatsApp messages and have not withdrawn it, their number. Every
 * export needs a reason (the case number) and is in the audit trail with who, when, why and how
 * many people it named. Only what is still stored can be told: the answer says what is not.
 */
public final class ContactTracing {
    private static final Pattern NUMBER = Pattern.compile("([A-Z]{1,4})-?([0-9]{1,6})");
    private static final int MAX_INDEX_TICKETS = 60;

    private final Offices offices;
    private final PrivacyStore store;
    private final EventStore events;
    private final Secrets secrets;
    private final Clock clock;

    public ContactTracing(Offices offices, PrivacyStore store, EventStore events, Secrets secrets, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.events = events;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Whom to trace from: a ticket number and its day, or a NIK; and why (the case number). */
    public record Request(String reason, String number, LocalDate day, String nik) {
    }

    /** Where the traced resident was: their ticket, its times inside, and the staff who called or served them. */
    public record Index(Ticket ticket, ContactOverlap presence, Instant firstCalledAt, List<String> staff, boolean erased) {
    }

    /** How a contact may be reached. */
    public enum Reach { CONSENTED, NO_CONSENT, WITHDRAWN, ERASED }

    /** One person who shared the room or counter with the traced resident. */
    public record Contact(Ticket ticket, long waitingRoomMinutes, long sameCounterMinutes, Instant from, Instant to,
                          Reach reach, String whatsapp) {
    }

    public record Export(Office office, String reason, String by, Instant generatedAt, List<Index> index,
                         List<Contact> contacts, List<Text> limits, int keepDays) {
    }

    public Export export(String officeId, Request request, String actor, String format) {
        Office office = offices.get(officeId);
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.length() < 3 || reason.length() > 100) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Alasan wajib diisi: nomor kasus dari Dinas Kesehatan (3–100 karakter).",
                            "A reason is required: the health office's case number (3–100 characters)."),
                    Map.of("field", "reason")));
        }
        Instant now = clock.instant();
        int keep = store.retention(office.id()).keepDaysTicket();
        List<Text> limits = new ArrayList<>();
        List<Ticket> indexTickets;
        String by;
        boolean byNik = request.nik() != null && !request.nik().isBlank();
        if (byNik == (request.number() != null && !request.number().isBlank())) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Isi nomor antrean (dan tanggal) atau NIK, salah satu.",
                            "Give either a queue number (and day) or a NIK, not both."),
                    Map.of("field", byNik ? "number" : "nik")));
        }
        if (byNik) {
            by = "NIK";
            indexTickets = new ArrayList<>();
            // Under the current secret and any previous one (during a rotation of ANTREAN_NIK_SECRET).
            for (byte[] hash : secrets.nikHashes(office.id(), ResidentData.checkedNik(request.nik()))) {
                indexTickets.addAll(store.ticketsOfNik(office.id(), hash, MAX_INDEX_TICKETS));
            }
            if (indexTickets.isEmpty()) {
                throw new Rejected(Rejection.of(RejectionCode.TICKET_NOT_FOUND,
                        Text.of("Tidak ada tiket untuk NIK ini dalam masa simpan (" + keep + " hari setelah tiket selesai). "
                                + "Data pribadi yang lebih lama sudah dihapus, sehingga NIK tidak lagi dapat dicocokkan; "
                                + "cari dengan nomor antrean dan tanggalnya.",
                                "No ticket for this NIK within the retention period (" + keep + " days after a ticket ends). "
                                + "Older personal data has been erased, so a NIK can no longer be matched; "
                                + "search by queue number and day instead."),
                        Map.of("keepDays", keep)));
            }
        } else {
            by = "TICKET";
            Matcher m = NUMBER.matcher(request.number().strip().toUpperCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                        Text.of("Tulis nomor antrean seperti di slip, misalnya A-017.",
                                "Write the queue number as on the slip, e.g. A-017."), Map.of("field", "number")));
            }
            LocalDate day = request.day() != null ? request.day() : now.atZone(office.zone()).toLocalDate();
            Ticket t = store.ticketByNumber(office.id(), day, m.group(1), Integer.parseInt(m.group(2)))
                    .orElseThrow(() -> new Rejected(Rejection.of(RejectionCode.TICKET_NOT_FOUND,
                            Text.of("Tidak ada nomor " + m.group(1) + "-" + m.group(2) + " pada " + day + ".",
                                    "No number " + m.group(1) + "-" + m.group(2) + " on " + day + "."),
                            Map.of("day", day.toString()))));
            indexTickets = List.of(t);
        }
        List<Index> index = new ArrayList<>();
        Map<Long, Contact> contacts = new LinkedHashMap<>();
        Set<Long> indexIds = new LinkedHashSet<>();
        indexTickets.forEach(t -> indexIds.add(t.id()));
        int erasedContacts = 0;
        for (Ticket t : indexTickets) {
            Instant dayStart = t.day().atStartOfDay(office.zone()).toInstant();
            List<PrivacyStore.Present> present = store.presentOn(office.id(), t.day());
            Map<Long, Instant> firstCalled = new HashMap<>();
            Map<Long, Set<String>> staff = new HashMap<>();
            for (PrivacyStore.CounterStep s : store.counterSteps(office.id(), dayStart, dayStart.plus(Duration.ofDays(1)))) {
                firstCalled.merge(s.ticketId(), s.at(), (a, b) -> a.isBefore(b) ? a : b);
                if (s.actor() != null) {
                    staff.computeIfAbsent(s.ticketId(), k -> new LinkedHashSet<>()).add(s.actor());
                }
            }
            ContactOverlap mine = ContactOverlap.of(t, firstCalled.get(t.id()), now);
            boolean erased = present.stream().filter(p -> p.ticket().id() == t.id()).anyMatch(p -> p.erasedAt() != null)
                    || store.erasedAt(t.id()).orElse(null) != null;
            index.add(new Index(t, mine, firstCalled.get(t.id()), List.copyOf(staff.getOrDefault(t.id(), Set.of())), erased));
            if (t.admittedAt() == null) {
                limits.add(Text.of("Nomor " + t.number() + " (" + t.day() + ") tidak pernah masuk ruang tunggu: tidak ada kontak.",
                        "Number " + t.number() + " (" + t.day() + ") never entered the waiting room: no contacts."));
                continue;
            }
            for (PrivacyStore.Present p : present) {
                Ticket other = p.ticket();
                if (indexIds.contains(other.id())) {
                    continue;
                }
                ContactOverlap theirs = ContactOverlap.of(other, firstCalled.get(other.id()), now);
                Duration room = mine.inRoomWith(theirs);
                Duration counter = mine.atSameCounterWith(theirs);
                if (room.isZero() && counter.isZero()) {
                    continue;
                }
                Instant from = later(mine.roomFrom(), theirs.roomFrom());
                Instant to = earlier(mine.counterTo() != null ? mine.counterTo() : mine.roomTo(),
                        theirs.counterTo() != null ? theirs.counterTo() : theirs.roomTo());
                Reach reach;
                String phone = null;
                if (p.erasedAt() != null) {
                    reach = Reach.ERASED;
                    erasedContacts++;
                } else if (!p.consented()) {
                    reach = Reach.NO_CONSENT;
                } else if (p.consentStopped() != null || p.consentPhone() == null) {
                    reach = Reach.WITHDRAWN;
                } else {
                    reach = Reach.CONSENTED;
                    phone = p.consentPhone();
                }
                Contact c = new Contact(other, ContactOverlap.minutes(room), ContactOverlap.minutes(counter), from, to, reach, phone);
                contacts.merge(other.id(), c, (a, b) -> new Contact(a.ticket(), a.waitingRoomMinutes() + b.waitingRoomMinutes(),
                        a.sameCounterMinutes() + b.sameCounterMinutes(), a.from(), b.to(), a.reach(), a.whatsapp()));
            }
        }
        if (index.stream().anyMatch(Index::erased)) {
            limits.add(Text.of("Data pribadi nomor yang ditelusuri sudah dihapus (masa simpan " + keep + " hari berakhir); "
                    + "waktu dan nomor antrean tetap ada.",
                    "The traced ticket's personal data has been erased (its " + keep + "-day retention ended); "
                    + "its times and queue number remain."));
        }
        if (erasedContacts > 0) {
            limits.add(Text.of(erasedContacts + " orang: data pribadi sudah dihapus (masa simpan " + keep
                    + " hari berakhir), nomor WhatsApp tidak dapat diberikan.",
                    erasedContacts + " people: personal data erased (the " + keep
                    + "-day retention ended), no WhatsApp number can be given."));
        }
        limits.add(Text.of("Waktu di ruang tunggu dihitung dari saat diizinkan masuk hingga dipanggil; "
                + "orang yang datang tanpa tiket dan petugas tidak tercatat di sini.",
                "Time in the waiting room runs from being let in until called; "
                + "people without a ticket and staff are not recorded here."));
        List<Contact> list = contacts.values().stream()
                .sorted(java.util.Comparator.comparingLong((Contact c) -> -(c.waitingRoomMinutes() + c.sameCounterMinutes()))
                        .thenComparing(c -> c.ticket().number()))
                .toList();
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("reason", reason);
        audit.put("by", by);
        if (!byNik) {
            audit.put("number", indexTickets.getFirst().number());
            audit.put("day", indexTickets.getFirst().day().toString());
        }
        audit.put("format", format);
        audit.put("people", list.size());
        store.database().inTransaction(tx -> {
            events.append(tx, office.id(), "CONTACT_TRACING_EXPORTED", null, actor, audit, now);
            return null;
        });
        return new Export(office, reason, by, now, index, list, limits, keep);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
