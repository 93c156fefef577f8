package id.antrean.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body parameters of each message's template, in order ({{1}}, {{2}}, …), in the resident's
 * language. The texts themselves are the approved templates (see the README); no NIK, ever.
 */
public final class NoticeParameters {
    private static final DateTimeFormatter DAY_ID = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.forLanguageTag("id"));
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

    private NoticeParameters() {
    }

    public static List<String> of(NoticeKind kind, Ticket t, Office office, Map<String, String> facts, String language,
                                  String statusLink) {
        boolean en = "en".equals(language);
        String number = t.number();
        String slot = t.slot() == null ? "-" : t.slot().start().toString();
        return switch (kind) {
            case ISSUED -> List.of(number, day(t.day(), en), slot, statusLink);
            case ADMITTED, NO_SHOW -> List.of(number);
            case TURN_NEAR -> List.of(number, facts.getOrDefault("ahead", "1"));
            case CALLED, RECALLED -> List.of(number, counterName(t, office));
            case REFUSED -> List.of(number, t.refuseReason() == null ? "-" : t.refuseReason());
            case CANCELLED -> List.of(number, officeWhatsApp(office));
            case REMINDER_EVENING -> List.of(number, day(t.day(), en), slot);
            case REMINDER_HOUR -> List.of(number, slot);
            case PICKUP_READY, PICKUP_MOVED, PICKUP_REMINDER, PICKUP_LAST_REMINDER, PICKUP_ARCHIVED ->
                    throw new IllegalArgumentException(kind + " is about a document: see PickupNoticeParameters");
        };
    }

    /** A date as the office writes it: "Selasa, 1 Desember 2026" / "Tuesday, 1 December 2026". */
    public static String dayLabel(LocalDate day, boolean en) {
        return day(day, en);
    }

    static String day(LocalDate day, boolean en) {
        return (en ? DAY_EN : DAY_ID).format(day);
    }

    private static String counterName(Ticket t, Office office) {
        if (t.counterId() == null) {
            return "loket";
        }
        return office.settings().counter(t.counterId()).map(Counter::name).orElse(t.counterId());
    }

    /** The office's WhatsApp number for other services (the first one it lists). */
    private static String officeWhatsApp(Office office) {
        return office.services().stream().filter(s -> s.whatsapp() != null).findFirst()
                .map(s -> s.whatsapp().display()).orElse("-");
    }
}
