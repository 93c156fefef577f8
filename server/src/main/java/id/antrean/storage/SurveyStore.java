package id.antrean.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The satisfaction answers (IKM) of the ticket page: one per ticket, and their daily sums. */
public final class SurveyStore {
    private final Database db;

    public SurveyStore(Database db) {
        this.db = db;
    }

    /** A stored answer as its ticket's page may see it (never the comment). */
    public record Answer(int score, Instant answeredAt) {
    }

    /** One day's answers: how many, the sum of their scores, each score's count, with a comment. */
    public record DaySums(LocalDate day, int answers, long scoreSum, int[] byScore, int comments) {
    }

    /** Stores the ticket's answer; false when the ticket had one already (nothing changed). */
    public boolean insert(long ticketId, String officeId, LocalDate day, int score, String comment, Instant now) {
        long rows = db.inTransaction(tx -> tx.namedInsert("survey-insert", ticketId, officeId, Rows.sqlDate(day), score,
                comment, Rows.ts(now)));
        return rows == 1;
    }

    public Optional<Answer> get(long ticketId) {
        return db.read(exec -> exec.namedGet("survey-get", ticketId)
                .map(r -> new Answer((int) Rows.lng(r, "score"), Rows.instant(r, "answered_at"))));
    }

    public List<DaySums> daily(String officeId, LocalDate from, LocalDate to) {
        return db.read(exec -> exec.namedQuery("survey-daily", officeId, Rows.sqlDate(from), Rows.sqlDate(to))
                .map(r -> new DaySums(Rows.date(r, "day"), (int) Rows.lng(r, "answers"), Rows.lng(r, "score_sum"),
                        new int[] {(int) Rows.lng(r, "s1"), (int) Rows.lng(r, "s2"), (int) Rows.lng(r, "s3"),
                                (int) Rows.lng(r, "s4")}, (int) Rows.lng(r, "comments")))
                .toList());
    }
}
