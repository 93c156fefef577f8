package id.antrean.app;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.Collector;
import id.antrean.domain.CounterServes;
import id.antrean.domain.HealthProtocolPolicy;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.NoticeKind;
import id.antrean.domain.Office;
import id.antrean.domain.PickupArrivalPolicy;
import id.antrean.domain.PickupCode;
import id.antrean.domain.PickupDocument;
import id.antrean.domain.PickupNoticeParameters;
import id.antrean.domain.PickupRegistration;
import id.antrean.domain.PickupRejections;
import id.antrean.domain.PickupSettings;
import id.antrean.domain.PickupSettingsPolicy;
import id.antrean.domain.PickupState;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.SettingsProblem;
import id.antrean.domain.Slot;
import id.antrean.domain.SlotPlan;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.OutboxStore;
import id.antrean.storage.PickupStore;

/**
 * Document pickup (pengambilan dokumen): staff register finished documents, each gets an
 * appointment and a WhatsApp message with a pickup code and a link; the resident may move the
 * appointment or name a representative from the link, takes a pickup ticket at the kiosk with the
 * code, and the counter records the handover.
 */
public final class PickupDesk {
    /** The consent basis recorded with every registration (the circular's WhatsApp channel). */
    public static final PickupStore.ConsentBasis CONSENT = new PickupStore.ConsentBasis("WHATSAPP_REQUEST", "pickup-basis-2026-12");
    /** What the basis says, shown to staff where they register. */
    public static final Text CONSENT_TEXT = Text.of(
            "Nomor WhatsApp diberikan oleh pemohon kepada kantor melalui WhatsApp untuk pemberitahuan pengambilan dokumen ini.",
            "The WhatsApp number was given to the office by the resident over WhatsApp for notices about collecting this document.");
    public static final int MAX_ROWS = 5000;
    private static final BigInteger CODES = BigInteger.valueOf(PickupCode.ALPHABET.length()).pow(PickupCode.LENGTH);

    private final Offices offices;
    private final PickupStore store;
    private final OutboxStore outbox;
    private final boolean whatsappConfigured;
    private final Secrets secrets;
    private final WaitingRoom room;
    private final TicketDesk desk;
    private final Clock clock;

    public PickupDesk(Offices offices, PickupStore store, OutboxStore outbox, boolean whatsappConfigured, Secrets secrets,
                      WaitingRoom room, TicketDesk desk, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.outbox = outbox;
        this.whatsappConfigured = whatsappConfigured;
        this.secrets = secrets;
        this.room = room;
        this.desk = desk;
        this.clock = clock;
    }

    // ---- settings

    public PickupSettings settings(String officeId) {
        offices.get(officeId);
        return store.settings(officeId);
    }

    /** What a counter calls residents for. */
    public CounterServes serves(Office office, String counterId) {
        return store.settings(office.id()).serves(counterId);
    }

    public PickupSettings saveSettings(String officeId, PickupSettings s, String actor) {
        Office office = offices.get(officeId);
        List<SettingsProblem> problems = PickupSettingsPolicy.problems(s, office.settings());
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        store.putSettings(officeId, s, actor, clock.instant());
        return store.settings(officeId);
    }

    // ---- registering

    /** One document as stored, with its pickup code (known only here, at registration, and from its link). */
    public record Registered(PickupDocument document, String code) {
    }

    /** A row of an import (or the one form) refused, with every problem of it. */
    public record RefusedRow(int row, String reference, List<PickupRegistration.Problem> problems) {
    }

    /** Nothing was stored: these rows are why. */
    public static final class NotRegistered extends RuntimeException {
        private final List<RefusedRow> refused;

        public NotRegistered(List<RefusedRow> refused) {
            super("pickup registration refused", null, false, false);
            this.refused = List.copyOf(refused);
        }

        public List<RefusedRow> refused() {
            return refused;
        }
    }

    /**
     * Registers every document or none. {@code rows} are numbered for the report as given (a CSV's
     * line numbers); a row whose type and reference repeat an earlier row or a stored document, or
     * for which no slot is left within the horizon, is refused with the reason.
     */
    public List<Registered> register(String officeId, List<PickupRegistration> docs, List<Integer> rows, String actor) {
        Office office = offices.get(officeId);
        PickupSettings settings = store.settings(officeId);
        List<RefusedRow> refused = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            PickupRegistration d = docs.get(i);
            if (!seen.add(d.type() + "|" + d.reference().toUpperCase(java.util.Locale.ROOT))) {
                refused.add(new RefusedRow(rows.get(i), d.reference(), List.of(new PickupRegistration.Problem("reference",
                        Text.of("Nomor rujukan ini sudah ada di baris sebelumnya (jenis dokumen sama).",
                                "This reference appears in an earlier row (same document type).")))));
            }
        }
        if (!refused.isEmpty()) {
            throw new NotRegistered(refused);
        }
        boolean notify = notifying(officeId);
        for (int attempt = 0; ; attempt++) {
            List<PickupStore.NewDocument> fresh = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (PickupRegistration d : docs) {
                String token = Secrets.token(18);
                String code = code(officeId, token);
                codes.add(code);
                fresh.add(new PickupStore.NewDocument(d.type(), d.reference(), d.name(), d.phone(), d.nikLast4(), d.language(),
                        token, codeHash(officeId, code)));
            }
            Instant now = clock.instant();
            try {
                List<PickupDocument> stored = store.register(officeId, fresh, schedule(office, settings, now), CONSENT, notify,
                        actor, now);
                List<Registered> out = new ArrayList<>();
                for (int i = 0; i < stored.size(); i++) {
                    out.add(new Registered(stored.get(i), codes.get(i)));
                }
                return out;
            } catch (PickupStore.CodeClash e) {
                if (attempt >= 3) {
                    throw new IllegalStateException("pickup codes clashed " + attempt + " times in a row", e);
                }
            } catch (PickupStore.Duplicate e) {
                throw new NotRegistered(List.of(new RefusedRow(rows.get(e.index), docs.get(e.index).reference(),
                        List.of(new PickupRegistration.Problem("reference", Text.of(
                                "Dokumen dengan jenis dan nomor rujukan ini sudah terdaftar.",
                                "A document of this type and reference is already registered."))))));
            } catch (PickupStore.NoSlot e) {
                throw new NotRegistered(List.of(new RefusedRow(rows.get(e.index), docs.get(e.index).reference(),
                        List.of(new PickupRegistration.Problem("day", Text.of(
                                "Tidak ada jadwal pengambilan kosong dalam " + settings.horizonDays()
                                        + " hari ke depan (kapasitas penuh). Naikkan kapasitas atau daftarkan nanti.",
                                "No free pickup slot within the next " + settings.horizonDays()
                                        + " days (capacity full). Raise the capacity or register later."))))));
            }
        }
    }

    /** Whether messages go out for this office now: the provider is configured and the office has them on. */
    public boolean notifying(String officeId) {
        return whatsappConfigured && outbox.officeSwitch(officeId).enabled();
    }

    private PickupStore.Schedule schedule(Office office, PickupSettings s, Instant now) {
        ZonedDateTime local = now.atZone(office.zone());
        LocalDate today = local.toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        for (int d = s.leadDays(); d <= s.horizonDays(); d++) {
            days.add(today.plusDays(d));
        }
        return new PickupStore.Schedule(days, day -> SlotPlan.of(office.settings(), day, s.slotMinutes()), today,
                local.getHour() * 60 + local.getMinute(), s.slotCapacity(), s.dayCapacity());
    }

    /**
     * The pickup code of a document, derived from its link token with the server's secret: never
     * stored, the same every time it is needed (the first message and the link page).
     */
    String code(String officeId, String token) {
        BigInteger n = new BigInteger(1, secrets.nikHash(officeId, "pickup-code-of:" + token)).mod(CODES);
        char[] c = new char[PickupCode.LENGTH];
        BigInteger base = BigInteger.valueOf(PickupCode.ALPHABET.length());
        for (int i = PickupCode.LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(base);
            c[i] = PickupCode.ALPHABET.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(c);
    }

    private byte[] codeHash(String officeId, String code) {
        return secrets.nikHash(officeId, "pickup-code:" + code);
    }

    // ---- staff lists

    public record Listed(PickupDocument document, boolean overdue) {
    }

    public List<Listed> list(String officeId, PickupStore.ListKind kind, String query, int limit) {
        Office office = offices.get(officeId);
        PickupSettings s = store.settings(officeId);
        LocalDate today = today(office);
        return store.list(officeId, kind, query, today, today.minusDays(s.overdueDays()), limit).stream()
                .map(d -> new Listed(d, id.antrean.domain.OverduePolicy.overdue(d, today, s))).toList();
    }

    public PickupDocument document(String officeId, long id) {
        return store.byId(id).filter(d -> d.officeId().equals(officeId))
                .orElseThrow(() -> new Rejected(PickupRejections.notFound()));
    }

    public List<PickupStore.MessageState> messages(long id) {
        return store.messages(id);
    }

    // ---- the resident's link

    /** A document seen from its link, with its code. */
    public record Linked(PickupDocument document, String code, Office office) {
    }

    public Linked byToken(String token) {
        PickupDocument d = store.byToken(token).orElseThrow(() -> new Rejected(PickupRejections.notFound()));
        return new Linked(d, code(d.officeId(), d.linkToken()), offices.get(d.officeId()));
    }

    /** The slots the appointment may move to (any day within the horizon with room). */
    public List<PickupStore.FreeSlot> freeSlots(String token) {
        PickupDocument d = byToken(token).document();
        Office office = offices.get(d.officeId());
        return store.freeSlots(office.id(), reschedule(office, store.settings(office.id()), clock.instant()));
    }

    /** A resident may move to today's later slots too; registration always leaves a day's notice. */
    private PickupStore.Schedule reschedule(Office office, PickupSettings s, Instant now) {
        PickupStore.Schedule base = schedule(office, s, now);
        List<LocalDate> days = new ArrayList<>();
        for (int d = 0; d <= s.horizonDays(); d++) {
            days.add(base.today().plusDays(d));
        }
        return new PickupStore.Schedule(days, base.plans(), base.today(), base.nowMinute(), base.slotCapacity(), base.dayCapacity());
    }

    public Linked move(String token, LocalDate day, int startMinute) {
        PickupDocument d = byToken(token).document();
        Office office = offices.get(d.officeId());
        PickupSettings s = store.settings(office.id());
        Instant now = clock.instant();
        PickupStore.Schedule schedule = reschedule(office, s, now);
        if (!schedule.days().contains(day)) {
            throw new Rejected(Rejection.of(RejectionCode.DAY_OUT_OF_RANGE,
                    Text.of("Pilih hari dari hari ini sampai " + s.horizonDays() + " hari ke depan.",
                            "Choose a day from today to " + s.horizonDays() + " days ahead."),
                    Map.of("from", schedule.days().getFirst().toString(), "to", schedule.days().getLast().toString())));
        }
        Optional<Slot> slot = schedule.plans().apply(day).slots().stream().filter(x -> x.startMinute() == startMinute).findFirst();
        if (slot.isEmpty()) {
            throw full(day);
        }
        PickupDocument moved = store.move(office.id(), d.id(), new PickupStore.Appointment(day, slot.get()), schedule,
                notifying(office.id()), now).orElseThrow(() -> full(day));
        return new Linked(moved, code(moved.officeId(), moved.linkToken()), office);
    }

    private static Rejected full(LocalDate day) {
        return new Rejected(Rejection.of(RejectionCode.PICKUP_FULL,
                Text.of("Jam itu sudah penuh atau tidak tersedia. Pilih jam lain.", "That time is full or not available. Choose another."),
                Map.of("day", day.toString())));
    }

    public static final int MAX_REPRESENTATIVE = 100;
    public static final int MAX_RELATION = 50;

    /** Names a representative (name and relation), or with both null takes the naming back. */
    public Linked representative(String token, String name, String relation) {
        PickupDocument d = byToken(token).document();
        String n = name == null ? null : name.strip().replaceAll("\\s+", " ");
        String r = relation == null ? null : relation.strip().replaceAll("\\s+", " ");
        if (n != null || r != null) {
            List<Map<String, Object>> problems = new ArrayList<>();
            if (n == null || n.isEmpty() || n.length() > MAX_REPRESENTATIVE || n.chars().anyMatch(Character::isISOControl)) {
                problems.add(Map.of("field", "name"));
            }
            if (r == null || r.isEmpty() || r.length() > MAX_RELATION || r.chars().anyMatch(Character::isISOControl)) {
                problems.add(Map.of("field", "relation"));
            }
            if (!problems.isEmpty()) {
                throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                        Text.of("Isi nama (paling banyak " + MAX_REPRESENTATIVE + " karakter) dan hubungan dengan pemohon (paling banyak "
                                        + MAX_RELATION + ").",
                                "Give the name (at most " + MAX_REPRESENTATIVE + " characters) and the relation to the resident (at most "
                                        + MAX_RELATION + ")."),
                        Map.of("field", problems.getFirst().get("field"))));
            }
        }
        PickupDocument after = store.representative(d.id(), n, r, clock.instant());
        return new Linked(after, code(after.officeId(), after.linkToken()), offices.get(after.officeId()));
    }

    // ---- at the door

    /**
     * A resident at the kiosk with a pickup code and the health checklist: a pickup ticket for the
     * appointment slot (the same waiting-room admission as every ticket). A code that matches no
     * document is told as unknown, whatever the reason.
     */
    public TicketStatus arrive(String officeId, String typedCode, Map<String, Boolean> checklist) {
        Office office = offices.get(officeId);
        HealthProtocolPolicy.check(office.settings().checklist(), checklist).ifPresent(r -> {
            throw new Rejected(r);
        });
        PickupDocument d = findByCode(officeId, typedCode).orElseThrow(() -> new Rejected(PickupRejections.unknownCode()));
        LocalDate today = today(office);
        PickupArrivalPolicy.check(d, today).ifPresent(r -> {
            throw new Rejected(r);
        });
        Ticket ticket = store.arrive(d.id(), locked -> PickupArrivalPolicy.check(locked, today).ifPresent(r -> {
            throw new Rejected(r);
        }), Secrets.token(18), secrets.nikHash(officeId, "pickup-ticket:" + d.id()), today, clock.instant());
        room.admit(office);
        return desk.status(ticket.token()).orElseThrow();
    }

    /** The document of a typed code, if any. */
    public Optional<PickupDocument> findByCode(String officeId, String typedCode) {
        return PickupCode.normalise(typedCode).flatMap(code -> store.byCode(officeId, codeHash(officeId, code)));
    }

    // ---- at the counter

    public Optional<PickupDocument> forTicket(long ticketId) {
        return store.byTicket(ticketId);
    }

    public PickupDocument handOver(long ticketId, Collector collector, String repName, String repRelation, String actor) {
        PickupDocument d = store.byTicket(ticketId).orElseThrow(() -> new Rejected(PickupRejections.notAPickupTicket()));
        Office office = offices.get(d.officeId());
        String name = repName == null || repName.isBlank() ? null : repName.strip();
        String relation = repRelation == null || repRelation.isBlank() ? null : repRelation.strip();
        if (collector == Collector.REPRESENTATIVE && d.representativeName() == null && (name == null || relation == null)) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Tulis nama kuasa dan hubungannya dengan pemohon (setelah memeriksa surat kuasa).",
                            "Write the representative's name and relation to the resident (after checking the letter of authority)."),
                    Map.of("field", "representative")));
        }
        if ((name != null && name.length() > MAX_REPRESENTATIVE) || (relation != null && relation.length() > MAX_RELATION)) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Nama atau hubungan terlalu panjang.", "Name or relation too long."), Map.of("field", "representative")));
        }
        PickupDocument after = store.handOver(ticketId, collector, collector == Collector.REPRESENTATIVE ? name : null,
                collector == Collector.REPRESENTATIVE ? relation : null, actor, today(office), clock.instant());
        room.admit(office);
        return after;
    }

    // ---- messages (for the dispatcher)

    public List<PickupStore.Due> due(Instant now, int limit) {
        return store.due(now, limit);
    }

    /** The message's parameters now, or empty when the document has moved on (then it is dropped). */
    public Optional<List<String>> parameters(PickupStore.Due due, String publicUrl) {
        Optional<PickupDocument> d = store.byId(due.pickupId());
        if (d.isEmpty() || d.get().phone() == null
                || PickupNoticeParameters.staleReason(due.kind(), d.get().state(), due.notBefore(), clock.instant()).isPresent()) {
            return Optional.empty();
        }
        Office office = offices.get(d.get().officeId());
        return Optional.of(PickupNoticeParameters.of(due.kind(), d.get(), office, code(d.get().officeId(), d.get().linkToken()),
                publicUrl + "/p/" + d.get().linkToken()));
    }

    /** An inbound STOP from this number also stops pickup messages to it. */
    public void stop(String phone) {
        store.stopMessages(phone, clock.instant());
    }

    // ---- reports

    public List<PickupStore.DayFigures> report(String officeId, LocalDate from, LocalDate to) {
        offices.get(officeId);
        return store.report(officeId, from, to);
    }

    LocalDate today(Office office) {
        return clock.instant().atZone(office.zone()).toLocalDate();
    }

    /** The state label for lists. */
    public static Text label(PickupState s) {
        return s.label();
    }

    /** Kinds of message this desk sends, for the README and the admin page. */
    public static List<NoticeKind> kinds() {
        return java.util.Arrays.stream(NoticeKind.values()).filter(NoticeKind::aboutPickup).toList();
    }
}
