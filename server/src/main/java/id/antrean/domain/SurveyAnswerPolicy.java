package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/**
 * The one satisfaction question after a ticket is done (IKM, Indeks Kepuasan Masyarakat, the
 * public-service satisfaction index): a score 1–4 as the IKM scale has it (1 tidak puas … 4 sangat
 * puas), an optional short comment, asked only once the ticket is DONE.
 */
public final class SurveyAnswerPolicy {
    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 4;
    public static final int MAX_COMMENT = 500;

    private SurveyAnswerPolicy() {
    }

    public static Optional<Rejection> check(Ticket ticket, Integer score, String comment) {
        if (score == null || score < MIN_SCORE || score > MAX_SCORE) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_SURVEY_ANSWER,
                    Text.of("Pilih nilai 1 sampai 4.", "Choose a score from 1 to 4."), Map.of("field", "score")));
        }
        if (comment != null && comment.strip().length() > MAX_COMMENT) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_SURVEY_ANSWER,
                    Text.of("Komentar paling banyak " + MAX_COMMENT + " karakter.",
                            "The comment may have at most " + MAX_COMMENT + " characters."),
                    Map.of("field", "comment", "max", MAX_COMMENT)));
        }
        if (ticket.state() != TicketState.DONE) {
            return Optional.of(Rejection.of(RejectionCode.SURVEY_NOT_OPEN,
                    Text.of("Penilaian dibuka setelah layanan selesai.", "Rating opens once the service is done."),
                    Map.of("state", ticket.state().name())));
        }
        return Optional.empty();
    }
}
