package id.antrean.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A resident booking from home chooses the slot: it must be one of the day's slots and not yet
 * ended. When it has no room, or the phone share of the day's quota is used up, the answer says so.
 */
public final class SlotChoicePolicy {
    private SlotChoicePolicy() {
    }

    public static Optional<Rejection> check(SlotPlan plan, int fromMinute, int start) {
        boolean known = plan.notEndedAt(fromMinute).stream().anyMatch(s -> s.startMinute() == start);
        if (known) {
            return Optional.empty();
        }
        return Optional.of(Rejection.of(RejectionCode.SLOT_FULL,
                Text.of("Slot " + Slot.hhmm(start) + " tidak tersedia pada hari itu. Pilih slot lain.",
                        "The " + Slot.hhmm(start) + " slot is not available that day. Choose another slot."),
                Map.of("slot", Slot.hhmm(start))));
    }

    public static Rejection slotFull(int start) {
        return Rejection.of(RejectionCode.SLOT_FULL,
                Text.of("Slot " + Slot.hhmm(start) + " sudah penuh. Pilih slot lain.",
                        "The " + Slot.hhmm(start) + " slot is full. Choose another slot."),
                Map.of("slot", Slot.hhmm(start)));
    }

    public static Rejection phoneShareFull(LocalDate day, int phoneQuota) {
        return Rejection.of(RejectionCode.PHONE_QUOTA_FULL,
                Text.of("Kuota pemesanan lewat ponsel untuk " + CheckInPolicy.dayId(day) + " sudah penuh. Sisa kuota untuk warga"
                                + " yang datang langsung ke kantor; atau pilih hari lain.",
                        "Phone bookings for " + CheckInPolicy.dayEn(day) + " are full. The rest of the quota is kept for"
                                + " residents who come to the office; or choose another day."),
                Map.of("day", day.toString(), "phoneQuota", phoneQuota));
    }
}
