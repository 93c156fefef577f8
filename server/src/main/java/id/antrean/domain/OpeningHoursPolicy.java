package id.antrean.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ticket for today needs the office open now; a ticket for a later day needs that day open and
 * within the booking horizon.
 */
public final class OpeningHoursPolicy {
    private OpeningHoursPolicy() {
    }

    /** The day the request books, or why it cannot. */
    public static Result check(OfficeSettings settings, ZoneId zone, Instant now, LocalDate requested) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        LocalDate day = requested == null ? today : requested;
        LocalDate last = today.plusDays(settings.bookingHorizonDays());
        if (day.isBefore(today) || day.isAfter(last)) {
            return Result.rejected(Rejection.of(RejectionCode.DAY_OUT_OF_RANGE,
                    Text.of("Tanggal hanya dapat dipilih dari " + today + " sampai " + last + ".",
                            "The day must be from " + today + " to " + last + "."),
                    Map.of("from", today.toString(), "to", last.toString())));
        }
        int minute = local.getHour() * 60 + local.getMinute();
        boolean isToday = day.equals(today);
        boolean open = isToday
                ? settings.hoursOn(day).stream().anyMatch(i -> minuteOf(i.open()) <= minute && minute < minuteOf(i.close()))
                : !settings.hoursOn(day).isEmpty();
        if (!open) {
            Optional<LocalDateTime> opens = nextOpening(settings, zone, isToday ? now : day.atStartOfDay(zone).toInstant());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("day", day.toString());
            details.put("opensAt", opens.map(o -> Map.of("day", o.toLocalDate().toString(),
                    "time", Slot.hhmm(minuteOf(o.toLocalTime())))).orElse(null));
            String when = opens.map(o -> " Buka kembali " + o.toLocalDate() + " pukul " + Slot.hhmm(minuteOf(o.toLocalTime())) + " WIB.")
                    .orElse("");
            String whenEn = opens.map(o -> " It opens again on " + o.toLocalDate() + " at " + Slot.hhmm(minuteOf(o.toLocalTime())) + ".")
                    .orElse("");
            return Result.rejected(Rejection.of(RejectionCode.OFFICE_CLOSED,
                    Text.of("Kantor tutup pada waktu itu." + when, "The office is closed then." + whenEn), details));
        }
        return Result.allowed(new BookingDay(day, isToday, isToday ? minute : -1));
    }

    /** The first opening moment at or after {@code from}, within the next 60 days. */
    public static Optional<LocalDateTime> nextOpening(OfficeSettings settings, ZoneId zone, Instant from) {
        ZonedDateTime local = from.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        for (int d = 0; d <= 60; d++) {
            LocalDate day = local.toLocalDate().plusDays(d);
            for (OpeningInterval interval : settings.hoursOn(day)) {
                if (d > 0 || minuteOf(interval.open()) >= minute) {
                    return Optional.of(day.atTime(interval.open()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the office is serving at this moment. */
    public static boolean isOpen(OfficeSettings settings, ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        return settings.hoursOn(local.toLocalDate()).stream()
                .anyMatch(i -> minuteOf(i.open()) <= minute && minute < minuteOf(i.close()));
    }

    static int minuteOf(java.time.LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    /** Either the booking day or the rejection. */
    public record Result(BookingDay day, Rejection rejection) {
        static Result allowed(BookingDay day) {
            return new Result(day, null);
        }

        static Result rejected(Rejection rejection) {
            return new Result(null, rejection);
        }

        public boolean isAllowed() {
            return rejection == null;
        }
    }
}
