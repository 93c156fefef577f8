package id.antrean.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a NIK (Nomor Induk Kependudukan, the 16-digit national identity number printed on the
 * KTP-el). Its digits are: province (2), regency (2), district (2), birth date DDMMYY with 40
 * added to the day for women (6), and a serial number (4).
 */
public final class NikPolicy {
    /** Province codes of the Ministry of Home Affairs, including the Papua provinces of 2022. */
    static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
            "31", "32", "33", "34", "35", "36",
            "51", "52", "53",
            "61", "62", "63", "64", "65",
            "71", "72", "73", "74", "75", "76",
            "81", "82",
            "91", "92", "93", "94", "95", "96");

    private NikPolicy() {
    }

    /** The province codes, sorted: the kiosk checks a typed NIK against the same list (issue 13). */
    public static java.util.List<String> provinces() {
        return PROVINCES.stream().sorted().toList();
    }

    /** Whether the NIK can be a real one, born on or before {@code today}. */
    public static Optional<Rejection> check(String nik, LocalDate today) {
        if (nik == null || !nik.matches("[0-9]{16}")) {
            return reject("LENGTH", "NIK harus 16 angka.", "The NIK must be 16 digits.");
        }
        if (!PROVINCES.contains(nik.substring(0, 2))) {
            return reject("PROVINCE", "Kode provinsi pada NIK (2 angka pertama) tidak dikenal.",
                    "The province code of the NIK (its first 2 digits) is unknown.");
        }
        if (nik.startsWith("00", 2) || nik.startsWith("00", 4)) {
            return reject("REGION", "Kode kabupaten/kota atau kecamatan pada NIK tidak sah.",
                    "The regency or district code of the NIK is not valid.");
        }
        if (birthDate(nik, today).isEmpty()) {
            return reject("BIRTH_DATE", "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak sah.",
                    "The birth date in the NIK (digits 7 to 12) is not valid.");
        }
        if (nik.endsWith("0000")) {
            return reject("SERIAL", "Nomor urut pada NIK (4 angka terakhir) tidak sah.",
                    "The serial number of the NIK (its last 4 digits) is not valid.");
        }
        return Optional.empty();
    }

    /** The birth date the NIK encodes; of the two possible centuries, the latest not after today. */
    public static Optional<LocalDate> birthDate(String nik, LocalDate today) {
        int day = Integer.parseInt(nik.substring(6, 8));
        int month = Integer.parseInt(nik.substring(8, 10));
        int year = Integer.parseInt(nik.substring(10, 12));
        if (day > 40) {
            day -= 40;
        }
        for (int century : new int[] {2000, 1900}) {
            try {
                LocalDate date = LocalDate.of(century + year, month, day);
                if (!date.isAfter(today)) {
                    return Optional.of(date);
                }
            } catch (DateTimeException e) {
                // Not a calendar date in this century (e.g. 29 February); try the other.
            }
        }
        return Optional.empty();
    }

    /** Whether the NIK was registered outside the office's region prefix (e.g. 1602 for OKI). */
    public static boolean outsideRegion(String nik, String regionPrefix) {
        return regionPrefix != null && !regionPrefix.isEmpty() && !nik.startsWith(regionPrefix);
    }

    /** The region rule in ENFORCE mode: a NIK from elsewhere is turned away. */
    public static Optional<Rejection> checkRegion(String nik, String regionPrefix, NikRegionPolicyMode mode) {
        if (mode == NikRegionPolicyMode.ENFORCE && outsideRegion(nik, regionPrefix)) {
            return Optional.of(Rejection.of(RejectionCode.INVALID_NIK,
                    Text.of("NIK ini tidak terdaftar di wilayah kantor ini (" + regionPrefix + ").",
                            "This NIK is not registered in this office's region (" + regionPrefix + ")."),
                    Map.of("reason", "OUTSIDE_REGION", "region", regionPrefix)));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(String reason, String id, String en) {
        return Optional.of(Rejection.of(RejectionCode.INVALID_NIK, Text.of(id, en), Map.of("reason", reason)));
    }
}
