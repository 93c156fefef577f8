package id.antrean.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a ticket booked from home may be checked in at the door now: it must still wait for its
 * resident, be for today, and its slot's end plus the grace period must not have passed (then it
 * is released as a no-show). Checking in early is fine: admission still waits for the slot.
 */
public final class CheckInPolicy {
    private CheckInPolicy() {
    }

    public static Optional<Rejection> check(Ticket t, Booking b, LocalDate today, int minuteNow, int graceMinutes,
                                            ZoneId zone) {
        Map<String, Object> details = Map.of("number", t.number(), "state", t.state().name());
        if (b.checkedInAt() != null) {
            String at = Slot.hhmm(b.checkedInAt().atZone(zone).getHour() * 60 + b.checkedInAt().atZone(zone).getMinute());
            return Optional.of(Rejection.of(RejectionCode.CHECKIN_USED,
                    Text.of("Nomor " + t.number() + " sudah lapor hadir pukul " + at + " WIB. Kode ini tidak dapat dipakai lagi.",
                            "Number " + t.number() + " checked in at " + at + ". This code cannot be used again."), details));
        }
        if (!b.awaitsCheckIn()) {
            return Optional.of(Rejection.of(RejectionCode.CHECKIN_NOT_NEEDED,
                    Text.of("Nomor " + t.number() + " diambil di kios, tidak perlu lapor hadir.",
                            "Number " + t.number() + " was taken at the kiosk and needs no check-in."), details));
        }
        if (t.state().isFinal()) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of("Nomor " + t.number() + " sudah berakhir (" + t.state().label().id() + "). Silakan ambil nomor baru.",
                            "Number " + t.number() + " has ended (" + t.state().label().en() + "). Please take a new number."),
                    details));
        }
        if (!t.day().equals(today)) {
            return Optional.of(Rejection.of(RejectionCode.CHECKIN_NOT_TODAY,
                    Text.of("Nomor " + t.number() + " untuk " + dayId(t.day()) + ", pukul " + Slot.hhmm(t.slot().startMinute())
                                    + " WIB. Silakan datang pada hari itu.",
                            "Number " + t.number() + " is for " + dayEn(t.day()) + " at " + Slot.hhmm(t.slot().startMinute())
                                    + ". Please come on that day."),
                    Map.of("number", t.number(), "day", t.day().toString(), "slotStart", Slot.hhmm(t.slot().startMinute()))));
        }
        if (minuteNow >= deadlineMinute(t, graceMinutes)) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_STATE,
                    Text.of("Waktu lapor hadir nomor " + t.number() + " sudah lewat (slot berakhir " + Slot.hhmm(t.slot().endMinute())
                                    + " WIB). Silakan ambil nomor baru.",
                            "The check-in time of number " + t.number() + " has passed (its slot ended at "
                                    + Slot.hhmm(t.slot().endMinute()) + "). Please take a new number."), details));
        }
        return Optional.empty();
    }

    /** The minute of its day after which a booked ticket not checked in is released. */
    public static int deadlineMinute(Ticket t, int graceMinutes) {
        return t.slot().endMinute() + graceMinutes;
    }

    /** "Kamis, 3 Desember 2026". */
    public static String dayId(LocalDate d) {
        Locale id = Locale.forLanguageTag("id-ID");
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, id) + ", " + d.getDayOfMonth() + " "
                + d.getMonth().getDisplayName(TextStyle.FULL, id) + " " + d.getYear();
    }

    /** "Thursday, 3 December 2026". */
    public static String dayEn(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", " + d.getDayOfMonth() + " "
                + d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + d.getYear();
    }
}
