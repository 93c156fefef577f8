package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of booking from home that a supervisor sets: the share of each day's quota open to
 * phone bookings (the rest is kept for residents who come to the door), how long after its slot
 * a booked ticket waits for its resident to check in, and the request limits of the public page.
 */
public record BookingSettings(int phoneSharePercent, int graceMinutes, int addressPerHour, int nikPerHour,
                              int wrongCodesPerHour) {
    public static final BookingSettings DEFAULTS = new BookingSettings(70, 30, 30, 6, 20);

    /** Phone bookings allowed of a day's quota: the share rounded down, never more than the quota. */
    public int phoneQuota(int dailyQuota) {
        return Math.min(dailyQuota, (int) ((long) dailyQuota * phoneSharePercent / 100));
    }

    /** Every value out of its range, by field name. */
    public List<SettingsProblem> problems() {
        List<SettingsProblem> p = new ArrayList<>();
        range(p, "phoneSharePercent", phoneSharePercent, 0, 100, "Bagian kuota untuk pemesanan lewat ponsel",
                "The share of the quota for phone bookings");
        range(p, "graceMinutes", graceMinutes, 0, 240, "Masa tenggang lapor hadir", "The check-in grace period");
        range(p, "addressPerHour", addressPerHour, 1, 10_000, "Batas permintaan per alamat per jam",
                "The limit of requests per address and hour");
        range(p, "nikPerHour", nikPerHour, 1, 1_000, "Batas permintaan per NIK per jam", "The limit of requests per NIK and hour");
        range(p, "wrongCodesPerHour", wrongCodesPerHour, 1, 1_000, "Batas kode salah per alamat per jam",
                "The limit of wrong codes per address and hour");
        return p;
    }

    private static void range(List<SettingsProblem> p, String field, int v, int min, int max, String id, String en) {
        if (v < min || v > max) {
            p.add(SettingsProblem.at(field, id + " harus " + min + "–" + max + ".", en + " must be " + min + " to " + max + "."));
        }
    }
}
