package id.antrean.web;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import id.antrean.domain.Rejected;
import id.antrean.domain.Text;
import id.antrean.storage.DatabaseUnavailable;
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

    /** Registered after every API service: an unknown API path is a JSON 404, like every other error. */
    public static void unknownApiPaths(HttpRouting.Builder routing) {
        routing.any("/api/*", (req, res) -> {
            ApiError error = new ApiError(Status.NOT_FOUND_404, "NOT_FOUND",
                    Text.of("Alamat API tidak dikenal.", "Unknown API address."),
                    Map.of("path", req.path().path(), "method", req.prologue().method().text()));
            Json.send(res, error.status(), error.body());
        });
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
        // The database, not the client: 503 with Retry-After (logged by reason only, once per request).
        routing.error(DatabaseUnavailable.class, (req, res, e) -> {
            LOG.log(Level.WARNING, () -> "Database unavailable on " + req.prologue().method() + " " + req.path().path()
                    + ": " + e.getMessage());
            if (!res.isSent()) {
                Unavailable.send(res, e);
            }
        });
        // Helidon's own 4xx (no such endpoint, e.g. /favicon.ico) are the client's mistake, not a server failure.
        routing.error(HttpException.class, (req, res, e) -> {
            if (res.isSent()) {
                return;
            }
            Status status = e.status();
            if (status.code() >= 500) {
                LOG.log(Level.WARNING, () -> "HTTP failure on " + req.prologue().method() + " " + req.path().path() + ": " + status);
            }
            ApiError error = status.code() == 404
                    ? new ApiError(status, "NOT_FOUND", Text.of("Alamat ini tidak ada.", "There is nothing at this address."), Map.of())
                    : new ApiError(status, "HTTP_" + status.code(), Text.of("Permintaan tidak dapat diproses.",
                            "The request cannot be processed."), Map.of());
            Json.send(res, status, error.body());
        });
        routing.error(Throwable.class, (req, res, e) -> {
            var unavailable = DatabaseUnavailable.of(e);
            if (unavailable.isPresent()) {
                LOG.log(Level.WARNING, () -> "Database unavailable on " + req.prologue().method() + " " + req.path().path()
                        + ": " + unavailable.get().getMessage());
                if (!res.isSent()) {
                    Unavailable.send(res, unavailable.get());
                }
                return;
            }
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
