package id.antrean.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a pickup code lets a resident in today: the document must still be waiting and today
 * must be its appointment day (a pickup visit counts against that day's pickup capacity; any other
 * day is chosen from the link).
 */
public final class PickupArrivalPolicy {
    private PickupArrivalPolicy() {
    }

    public static Optional<Rejection> check(PickupDocument d, LocalDate today) {
        if (d.state() == PickupState.COLLECTED) {
            return Optional.of(Rejection.of(RejectionCode.PICKUP_NOT_READY,
                    Text.of("Dokumen ini sudah diambil.", "This document has already been collected."),
                    Map.of("state", d.state().name())));
        }
        if (d.state() == PickupState.ARCHIVED) {
            return Optional.of(Rejection.of(RejectionCode.PICKUP_NOT_READY,
                    Text.of("Dokumen ini sudah dikembalikan ke arsip. Hubungi kantor lewat WhatsApp.",
                            "This document was returned to the archive. Contact the office over WhatsApp."),
                    Map.of("state", d.state().name())));
        }
        if (!d.day().equals(today)) {
            return Optional.of(Rejection.of(RejectionCode.PICKUP_NOT_TODAY,
                    Text.of("Jadwal pengambilan Anda " + NoticeParameters.day(d.day(), false) + " pukul "
                                    + Slot.hhmm(d.slot().startMinute()) + ". Silakan datang pada hari itu, atau ubah jadwal lewat tautan di pesan WhatsApp.",
                            "Your pickup is on " + NoticeParameters.day(d.day(), true) + " at "
                                    + Slot.hhmm(d.slot().startMinute()) + ". Please come that day, or move it from the link in the WhatsApp message."),
                    Map.of("day", d.day().toString(), "slotStart", Slot.hhmm(d.slot().startMinute()))));
        }
        return Optional.empty();
    }
}
