package id.antrean.web;

import java.util.Map;

import id.antrean.domain.Text;
import id.antrean.storage.DatabaseUnavailable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The answer when the database cannot serve: 503 with Retry-After, never a 500. When a commit was
 * sent but not answered, the client is told exactly that, and that a retry with the same
 * Idempotency-Key tells it what happened.
 */
final class Unavailable {
    /** Seconds a client should wait before trying again: about one connection timeout and a bit. */
    static final int RETRY_AFTER_SECONDS = 2;

    private Unavailable() {
    }

    static ApiError error(DatabaseUnavailable e) {
        if (e.outcomeUnknown()) {
            return new ApiError(Status.SERVICE_UNAVAILABLE_503, "OUTCOME_UNKNOWN",
                    Text.of("Belum pasti apakah permintaan Anda tercatat. Kirim ulang permintaan yang sama "
                                    + "(dengan Idempotency-Key yang sama) sebentar lagi untuk mengetahui hasilnya.",
                            "It is not certain whether your request was recorded. Send the same request again "
                                    + "(with the same Idempotency-Key) shortly to learn its outcome."),
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS, "sameIdempotencyKey", true));
        }
        return new ApiError(Status.SERVICE_UNAVAILABLE_503, "SERVICE_UNAVAILABLE",
                Text.of("Layanan sedang sibuk, coba lagi sebentar.", "Service busy, please try again shortly."),
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }

    static void send(ServerResponse res, DatabaseUnavailable e) {
        ApiError error = error(e);
        res.header(HeaderNames.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        Json.send(res, error.status(), error.body());
    }
}
