package id.antrean.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The day's quota and the slots' capacities. They are enforced where the counts live, inside the
 * issuing transaction; this class says what the resident is told when they are reached.
 */
public final class QuotaPolicy {
    private QuotaPolicy() {
    }

    /** Rejection for a full day, pointing at the earliest slot still bookable (or none). */
    public static Rejection full(LocalDate day, LocalDate nextDay, Integer nextSlotStart) {
        Map<String, Object> details = new HashMap<>();
        details.put("day", day.toString());
        String hint;
        String hintEn;
        if (nextDay != null) {
            details.put("nextAvailable", Map.of("day", nextDay.toString(), "slotStart", Slot.hhmm(nextSlotStart)));
            hint = " Jadwal terdekat yang masih tersedia: " + nextDay + " pukul " + Slot.hhmm(nextSlotStart) + " WIB.";
            hintEn = " The earliest free slot: " + nextDay + " at " + Slot.hhmm(nextSlotStart) + ".";
        } else {
            details.put("nextAvailable", null);
            hint = " Silakan datang kembali pada hari lain.";
            hintEn = " Please come back another day.";
        }
        return Rejection.of(RejectionCode.QUOTA_FULL,
                Text.of("Kuota hari ini sudah penuh." + hint, "Today's quota is full." + hintEn), details);
    }
}
