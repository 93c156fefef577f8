package id.antrean.domain;

import java.util.List;

/** What the waiting-room display reminds everyone of, in turn (protokol kesehatan). */
public final class HealthReminders {
    public static final List<Text> ALL = List.of(
            Text.of("Tetap pakai masker selama di kantor", "Keep your mask on inside the office"),
            Text.of("Pakai sarung tangan saat perekaman", "Wear gloves during the recording"),
            Text.of("Jaga jarak minimal 1 meter", "Keep at least 1 metre apart"),
            Text.of("Cuci tangan dengan sabun atau hand sanitizer", "Wash your hands with soap or sanitiser"));

    private HealthReminders() {
    }
}
