package id.antrean.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.LocalDate;

/**
 * A resident booking from home may book today's later slots before the office opens (that is the
 * point: leave the house knowing the slot). Otherwise the kiosk's rule applies: today while open,
 * a later day within the horizon.
 */
public final class PhoneBookingDayPolicy {
    private PhoneBookingDayPolicy() {
    }

    public static OpeningHoursPolicy.Result check(OfficeSettings settings, ZoneId zone, Instant now, LocalDate requested) {
        OpeningHoursPolicy.Result kiosk = OpeningHoursPolicy.check(settings, zone, now, requested);
        if (kiosk.isAllowed() || kiosk.rejection().code() != RejectionCode.OFFICE_CLOSED) {
            return kiosk;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        int minute = local.getHour() * 60 + local.getMinute();
        if ((requested == null || requested.equals(today)) && !SlotPlan.of(settings, today).notEndedAt(minute).isEmpty()) {
            return OpeningHoursPolicy.Result.allowed(new BookingDay(today, true, minute));
        }
        return kiosk;
    }
}
