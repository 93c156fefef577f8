package id.antrean.domain;

import java.util.Map;

/** The refusals about finished documents that several places give, in one wording. */
public final class PickupRejections {
    private PickupRejections() {
    }

    public static Rejection notFound() {
        return Rejection.of(RejectionCode.PICKUP_NOT_FOUND,
                Text.of("Dokumen tidak ditemukan.", "No such document."), Map.of());
    }

    /** A code that matches nothing: said the same whether it was mistyped or guessed. */
    public static Rejection unknownCode() {
        return Rejection.of(RejectionCode.PICKUP_NOT_FOUND,
                Text.of("Kode pengambilan tidak dikenal. Periksa kode di pesan WhatsApp Anda.",
                        "Unknown pickup code. Check the code in your WhatsApp message."), Map.of());
    }

    public static Rejection notWaiting(PickupState state) {
        return Rejection.of(RejectionCode.PICKUP_NOT_READY,
                Text.of("Dokumen ini tidak lagi menunggu diambil (" + state.label().id() + ").",
                        "This document is no longer waiting to be collected (" + state.label().en() + ")."),
                Map.of("state", state.name()));
    }

    public static Rejection notAPickupTicket() {
        return Rejection.of(RejectionCode.PICKUP_NOT_FOUND,
                Text.of("Tiket ini bukan tiket pengambilan dokumen.", "This is not a document pickup ticket."), Map.of());
    }
}
