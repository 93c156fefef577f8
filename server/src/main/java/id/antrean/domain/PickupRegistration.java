package id.antrean.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A finished document as staff register it (one form, or one row of a spreadsheet), checked field
 * by field: every problem is reported, not only the first.
 */
public record PickupRegistration(DocumentType type, String reference, String name, String phone, String nikLast4,
                                 String language) {
    public static final int MAX_NAME = 100;
    public static final int MAX_REFERENCE = 64;
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._:#-]{0,63}");
    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    /** One field's problem, in both languages. */
    public record Problem(String field, Text message) {
    }

    /** The checked registration, or every problem of the raw fields. */
    public record Checked(PickupRegistration registration, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Checks raw text fields (from JSON or a CSV row); the phone is normalised to +62…. */
    public static Checked check(String type, String reference, String name, String phone, String nikLast4, String language) {
        List<Problem> problems = new ArrayList<>();
        Optional<DocumentType> t = DocumentType.parse(type);
        if (t.isEmpty()) {
            problems.add(new Problem("type", Text.of(
                    "Jenis dokumen tidak dikenal" + shown(type) + ". Pilih KK, KTP_EL, AKTA_… atau OTHER.",
                    "Unknown document type" + shown(type) + ". Use KK, KTP_EL, AKTA_… or OTHER.")));
        }
        String ref = reference == null ? "" : reference.strip();
        if (!REFERENCE.matcher(ref).matches()) {
            problems.add(new Problem("reference", Text.of(
                    "Nomor rujukan wajib: 1–64 huruf, angka atau / . _ - : #.",
                    "Reference required: 1–64 letters, digits or / . _ - : #.")));
        }
        String n = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Problem("name", Text.of("Nama wajib, paling banyak " + MAX_NAME + " karakter.",
                    "Name required, at most " + MAX_NAME + " characters.")));
        }
        Optional<String> p = WhatsAppNumber.normalise(phone);
        if (p.isEmpty()) {
            problems.add(new Problem("phone", Text.of("Nomor WhatsApp tidak sah (contoh 0812 3456 7890).",
                    "Not a valid WhatsApp number (e.g. 0812 3456 7890).")));
        }
        String last4 = nikLast4 == null ? "" : nikLast4.strip();
        if (!LAST4.matcher(last4).matches()) {
            problems.add(new Problem("nikLast4", Text.of(
                    "Tulis tepat 4 digit terakhir NIK, tidak lebih.",
                    "Give exactly the last 4 digits of the NIK, no more.")));
        }
        String lang = language == null || language.isBlank() ? "id" : language.strip().toLowerCase(java.util.Locale.ROOT);
        if (!lang.equals("id") && !lang.equals("en")) {
            problems.add(new Problem("language", Text.of("Bahasa: id atau en.", "Language: id or en.")));
        }
        if (!problems.isEmpty()) {
            return new Checked(null, List.copyOf(problems));
        }
        return new Checked(new PickupRegistration(t.get(), ref, n, p.get(), last4, lang), List.of());
    }

    private static String shown(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String s = raw.strip();
        return " (" + (s.length() > 30 ? s.substring(0, 30) + "…" : s) + ")";
    }
}
