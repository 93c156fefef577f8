package id.antrean.domain;

import java.util.List;
import java.util.Optional;

/**
 * The body parameters of each pickup message's template, in order, in the resident's language,
 * and whether a queued one still means something. No NIK, ever; the code only in the first message.
 */
public final class PickupNoticeParameters {
    private PickupNoticeParameters() {
    }

    /**
     * {@code code} is the pickup code (shown as "K7QM-3XTA"), {@code link} the resident's page.
     * The texts are the approved templates (see the README).
     */
    public static List<String> of(NoticeKind kind, PickupDocument d, Office office, String code, String link) {
        boolean en = "en".equals(d.language());
        String doc = en ? d.type().label().en() : d.type().label().id();
        String day = NoticeParameters.day(d.day(), en);
        String time = Slot.hhmm(d.slot().startMinute()) + "–" + Slot.hhmm(d.slot().endMinute());
        return switch (kind) {
            case PICKUP_READY -> List.of(doc, d.reference(), day, time, PickupCode.display(code), link);
            case PICKUP_MOVED -> List.of(doc, day, time, link);
            case PICKUP_REMINDER, PICKUP_LAST_REMINDER -> List.of(doc, day, link);
            case PICKUP_ARCHIVED -> List.of(doc, d.reference(), officeWhatsApp(office));
            default -> throw new IllegalArgumentException(kind + " is about a ticket");
        };
    }

    /** Empty when the message should go out now; else why it is dropped (never sent late). */
    public static Optional<String> staleReason(NoticeKind kind, PickupState now, java.time.Instant dueSince,
                                               java.time.Instant at) {
        if (dueSince.plus(java.time.Duration.ofDays(2)).isBefore(at)) {
            return Optional.of("too old");
        }
        boolean fits = kind == NoticeKind.PICKUP_ARCHIVED ? now == PickupState.ARCHIVED : now == PickupState.READY;
        return fits ? Optional.empty() : Optional.of("document is now " + now.name());
    }

    private static String officeWhatsApp(Office office) {
        return office.services().stream().filter(s -> s.whatsapp() != null).findFirst()
                .map(s -> s.whatsapp().display()).orElse("-");
    }
}
