package id.antrean.domain;

/** What the messaging provider answered to one send, as the dispatcher acts on it. */
public sealed interface ProviderAnswer {
    /** Taken: the provider's message id, for the delivery statuses that follow. */
    record Accepted(String providerId) implements ProviderAnswer {
    }

    /** Not now (throughput, pair rate, provider down): try again later; slowDown when it was our pace. */
    record RetryLater(String reason, boolean slowDown) implements ProviderAnswer {
    }

    /** Never deliverable (not a WhatsApp user, outside the 24 h window, bad parameters). */
    record Failed(String reason) implements ProviderAnswer {
    }

    /** Our side is misconfigured (token, permissions): no message can go until an admin fixes it. */
    record ConfigFault(String reason) implements ProviderAnswer {
    }
}
