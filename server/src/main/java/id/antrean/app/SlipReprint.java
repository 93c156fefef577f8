package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.storage.Database;
import id.antrean.storage.EventStore;
import id.antrean.storage.TicketStore;

/**
 * A resident who lost the slip gets it again at a counter: staff read the NIK off the ID card the
 * resident shows, and the ticket of that number is handed back only if it was issued to that NIK.
 * Knowing a NIK alone (printed on every card, copied everywhere) gives nothing; every reprint is
 * audited with the staff member who made it.
 */
public final class SlipReprint {
    private static final Pattern NUMBER = Pattern.compile("([A-Z]{1,4})-(\\d{1,6})");
    private static final Pattern NIK = Pattern.compile("\\d{16}");

    private final Offices offices;
    private final TicketStore tickets;
    private final EventStore events;
    private final Database db;
    private final Secrets secrets;
    private final TicketDesk desk;
    private final Clock clock;

    public SlipReprint(Offices offices, TicketStore tickets, EventStore events, Database db, Secrets secrets,
                       TicketDesk desk, Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.events = events;
        this.db = db;
        this.secrets = secrets;
        this.desk = desk;
        this.clock = clock;
    }

    /**
     * The ticket with this number on this day (today when null), if its NIK is the one on the
     * card. A ticket no longer in the queue has nothing left to print.
     */
    public TicketStatus reprint(String officeId, String number, String nik, LocalDate day, String actor) {
        Office office = offices.get(officeId);
        Instant now = clock.instant();
        LocalDate on = day != null ? day : now.atZone(office.zone()).toLocalDate();
        Matcher m = number == null ? null : NUMBER.matcher(number.strip().toUpperCase(java.util.Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_REQUEST,
                    Text.of("Tulis nomor antrean seperti di layar, misalnya A-017.",
                            "Write the queue number as shown on screen, e.g. A-017."), Map.of("field", "number")));
        }
        if (nik == null || !NIK.matcher(nik.strip()).matches()) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_NIK,
                    Text.of("NIK harus 16 angka, seperti tertulis di KTP.", "The NIK must be the 16 digits on the ID card."),
                    Map.of("field", "nik")));
        }
        Ticket ticket = secrets.nikHashes(officeId, nik.strip()).stream()
                .map(hash -> tickets.byNumberForNik(officeId, on, m.group(1), Integer.parseInt(m.group(2)), hash))
                .flatMap(Optional::stream).findFirst().orElseThrow(() -> new Rejected(Rejection.of(RejectionCode.TICKET_NOT_FOUND,
                Text.of("Tidak ada nomor " + m.group() + " untuk NIK ini pada " + on + ". Periksa nomor dan KTP.",
                        "No number " + m.group() + " for this NIK on " + on + ". Check the number and the ID card."),
                Map.of("number", m.group(), "day", on.toString()))));
        if (!ticket.state().isActive()) {
            throw new Rejected(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of("Nomor " + ticket.number() + " sudah selesai (" + ticket.state().label().id() + "): tidak ada yang dicetak ulang.",
                            "Number " + ticket.number() + " has ended (" + ticket.state().label().en() + "): nothing to reprint."),
                    Map.of("state", ticket.state().name())));
        }
        db.inTransaction(tx -> {
            events.append(tx, officeId, "TICKET_REPRINTED", ticket.id(), actor, Map.of("number", ticket.number()), now);
            return null;
        });
        return desk.status(office, ticket);
    }
}
