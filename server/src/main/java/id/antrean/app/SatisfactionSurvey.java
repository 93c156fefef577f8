package id.antrean.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.antrean.domain.Ikm;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.SurveyAnswerPolicy;
import id.antrean.domain.Text;
import id.antrean.domain.Ticket;
import id.antrean.domain.TicketState;
import id.antrean.storage.SurveyStore;
import id.antrean.storage.TicketStore;

/**
 * The satisfaction question of the ticket page (IKM): asked once a ticket is DONE, answered once
 * per ticket by whoever holds its token, and summed per day for supervisors.
 */
public final class SatisfactionSurvey {
    private final Offices offices;
    private final TicketStore tickets;
    private final SurveyStore store;
    private final Clock clock;

    public SatisfactionSurvey(Offices offices, TicketStore tickets, SurveyStore store, Clock clock) {
        this.offices = offices;
        this.tickets = tickets;
        this.store = store;
        this.clock = clock;
    }

    /** Whether the ticket's page should ask, and the answer once given. */
    public record Status(boolean open, Integer score, Instant answeredAt) {
    }

    /** One day of the report; {@code ikm} null on a day without answers. */
    public record Day(LocalDate day, int[] byScore, int comments, Ikm ikm) {
    }

    public Status status(String token) {
        Ticket t = ticket(token);
        Optional<SurveyStore.Answer> a = store.get(t.id());
        return new Status(t.state() == TicketState.DONE && a.isEmpty(), a.map(SurveyStore.Answer::score).orElse(null),
                a.map(SurveyStore.Answer::answeredAt).orElse(null));
    }

    public Status answer(String token, Integer score, String comment) {
        Ticket t = ticket(token);
        SurveyAnswerPolicy.check(t, score, comment).ifPresent(r -> {
            throw new Rejected(r);
        });
        String kept = comment == null || comment.isBlank() ? null : comment.strip();
        Instant now = clock.instant();
        if (!store.insert(t.id(), t.officeId(), t.day(), score, kept, now)) {
            throw new Rejected(Rejection.of(RejectionCode.SURVEY_ALREADY_ANSWERED,
                    Text.of("Penilaian untuk nomor ini sudah dikirim. Terima kasih.",
                            "This ticket has been rated already. Thank you."), Map.of()));
        }
        return new Status(false, score, now);
    }

    /** Every day of the range, days without answers included. */
    public List<Day> daily(String officeId, LocalDate from, LocalDate to) {
        offices.get(officeId);
        Reports.checkRange(from, to);
        Map<LocalDate, SurveyStore.DaySums> sums = new HashMap<>();
        store.daily(officeId, from, to).forEach(s -> sums.put(s.day(), s));
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            SurveyStore.DaySums s = sums.get(d);
            days.add(s == null ? new Day(d, new int[4], 0, null)
                    : new Day(d, s.byScore(), s.comments(), Ikm.of(s.answers(), s.scoreSum())));
        }
        return days;
    }

    /** All days of the range together. */
    public Ikm overall(List<Day> days) {
        int n = 0;
        long sum = 0;
        for (Day d : days) {
            for (int i = 0; i < 4; i++) {
                n += d.byScore()[i];
                sum += (long) (i + 1) * d.byScore()[i];
            }
        }
        return Ikm.of(n, sum);
    }

    public LocalDate today(String officeId) {
        return clock.instant().atZone(offices.get(officeId).zone()).toLocalDate();
    }

    private Ticket ticket(String token) {
        return tickets.byToken(token).orElseThrow(() -> new Rejected(TicketDesk.notFound()));
    }
}
