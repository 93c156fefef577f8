package id.antrean.domain;

import java.util.Map;
import java.util.Optional;

/** Only an open counter calls residents or receives one transferred from another counter. */
public final class CounterOpenPolicy {
    private CounterOpenPolicy() {
    }

    public static Optional<Rejection> check(Counter counter, CounterStatus status) {
        if (status == null || status == CounterStatus.OPEN) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(RejectionCode.COUNTER_NOT_OPEN,
                Text.of(counter.name() + " sedang " + status.label().id().toLowerCase(java.util.Locale.ROOT)
                                + ". Buka loket dulu.",
                        counter.name() + " is " + status.label().en().toLowerCase(java.util.Locale.ROOT)
                                + ". Open the counter first."),
                Map.of("counter", counter.id(), "status", status.name())));
    }

    /** A counter goes on break or closes only once its resident is finished or handed on. */
    public static Optional<Rejection> canLeave(Counter counter, CounterStatus target, Ticket current) {
        if (target == CounterStatus.OPEN || current == null) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(RejectionCode.COUNTER_BUSY,
                Text.of(counter.name() + " masih melayani " + current.number()
                                + ". Selesaikan atau alihkan tiket itu dulu.",
                        counter.name() + " still has " + current.number() + ". Close or transfer that ticket first."),
                Map.of("counter", counter.id(), "ticketId", current.id(), "number", current.number(),
                        "state", current.state().name())));
    }
}
