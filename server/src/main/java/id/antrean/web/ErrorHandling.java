package id.antrean.web;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.Rejected;
import id.antrean.domain.Text;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;

/**
 * Turns every failure into the JSON error body. Unexpected ones are logged by class and message
 * only (no request data: it may hold a NIK) and answered without a stack trace.
 */
public final class ErrorHandling {
    private static final Logger LOG = Logger.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiError.class, (req, res, e) -> {
            if (!res.isSent()) {
                Json.send(res, e.status(), e.body());
            }
        });
        routing.error(Rejected.class, (req, res, e) -> {
            if (!res.isSent()) {
                ApiError error = ApiError.of(e.rejection());
                Json.send(res, error.status(), error.body());
            }
        });
        // Helidon's own HTTP errors (no route: 404, wrong method, bad request line) keep their status.
        routing.error(HttpException.class, (req, res, e) -> {
            Status status = e.status();
            if (status.code() >= 500) {
                LOG.log(Level.WARNING, () -> "HTTP failure on " + req.prologue().method() + " " + req.path().path()
                        + ": " + e.getMessage());
            }
            if (!res.isSent()) {
                boolean notFound = status.code() == 404;
                ApiError error = new ApiError(status, notFound ? "NOT_FOUND" : "HTTP_" + status.code(),
                        notFound ? Text.of("Alamat tidak ditemukan.", "No such endpoint.")
                                : Text.of("Permintaan tidak dapat diproses.", "The request cannot be processed."), Map.of());
                Json.send(res, error.status(), error.body());
            }
        });
        routing.error(Throwable.class, (req, res, e) -> {
            LOG.log(Level.WARNING, () -> "Unexpected failure on " + req.prologue().method() + " "
                    + req.path().path() + ": " + e.getClass().getName() + ": " + e.getMessage());
            if (!res.isSent()) {
                ApiError error = new ApiError(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL",
                        Text.of("Terjadi kesalahan pada server. Silakan coba lagi.",
                                "Something went wrong on the server. Please try again."), Map.of());
                Json.send(res, error.status(), error.body());
            }
        });
    }
}
