package id.antrean.storage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.antrean.domain.ChecklistItem;
import id.antrean.domain.Counter;
import id.antrean.domain.NikRegionPolicyMode;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.OpeningInterval;
import id.antrean.domain.Text;
import id.antrean.domain.UrgencyReason;

/**
 * The settings document, the same JSON shape in the database and over the API. Reading checks
 * every field and collects every error by its path, so an admin sees all mistakes at once.
 */
public final class SettingsCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SettingsCodec() {
    }

    /** A settings document that failed checking: field path → what is wrong (Indonesian / English). */
    public static final class Invalid extends RuntimeException {
        private final Map<String, String> fields;

        Invalid(Map<String, String> fields) {
            super("Invalid settings: " + fields.keySet(), null, false, false);
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    public static OfficeSettings read(String json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored settings are not JSON", e);
        }
    }

    public static OfficeSettings read(JsonNode node) {
        Reader r = new Reader();
        OfficeSettings settings = r.settings(node);
        if (!r.errors.isEmpty()) {
            throw new Invalid(r.errors);
        }
        return settings;
    }

    public static String write(OfficeSettings s) {
        return toJson(s).toString();
    }

    public static ObjectNode toJson(OfficeSettings s) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode quota = root.putObject("dailyQuota");
        s.dailyQuota().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> quota.put(e.getKey(), e.getValue()));
        root.put("slotMinutes", s.slotMinutes());
        root.put("slotCapacity", s.slotCapacity());
        root.put("roomCapacity", s.roomCapacity());
        root.put("bookingHorizonDays", s.bookingHorizonDays());
        ObjectNode hours = root.putObject("openingHours");
        for (DayOfWeek day : DayOfWeek.values()) {
            ArrayNode list = hours.putArray(day.name());
            for (OpeningInterval i : s.openingHours().getOrDefault(day, List.of())) {
                list.addObject().put("open", i.open().toString()).put("close", i.close().toString());
            }
        }
        ArrayNode holidays = root.putArray("holidays");
        s.holidays().forEach(d -> holidays.add(d.toString()));
        ArrayNode checklist = root.putArray("checklist");
        for (ChecklistItem item : s.checklist()) {
            ObjectNode o = checklist.addObject().put("code", item.code()).put("required", item.required());
            o.putObject("label").put("id", item.label().id()).put("en", item.label().en());
        }
        ArrayNode reasons = root.putArray("urgencyReasons");
        for (UrgencyReason reason : s.urgencyReasons()) {
            ObjectNode o = reasons.addObject().put("code", reason.code());
            o.putObject("label").put("id", reason.label().id()).put("en", reason.label().en());
        }
        ArrayNode counters = root.putArray("counters");
        s.counters().forEach(c -> counters.addObject().put("id", c.id()).put("name", c.name()));
        root.put("nikRegionPolicy", s.nikRegionPolicy().name());
        return root;
    }

    /** Walks the document once, recording an error per bad field instead of stopping at the first. */
    private static final class Reader {
        final Map<String, String> errors = new LinkedHashMap<>();

        OfficeSettings settings(JsonNode root) {
            if (root == null || !root.isObject()) {
                errors.put("", "Pengaturan harus berupa objek JSON / Settings must be a JSON object");
                return null;
            }
            Map<String, Integer> quota = new LinkedHashMap<>();
            JsonNode q = root.get("dailyQuota");
            if (q == null || !q.isObject()) {
                errors.put("dailyQuota", "Wajib diisi: kuota per layanan / Required: a quota per service");
            } else {
                q.fields().forEachRemaining(e -> {
                    Integer v = intIn(e.getValue(), "dailyQuota." + e.getKey(), 0, 10_000);
                    if (v != null) {
                        quota.put(e.getKey(), v);
                    }
                });
            }
            Integer slotMinutes = intIn(root.get("slotMinutes"), "slotMinutes", 5, 240);
            Integer slotCapacity = intIn(root.get("slotCapacity"), "slotCapacity", 1, 1_000);
            Integer roomCapacity = intIn(root.get("roomCapacity"), "roomCapacity", 1, 1_000);
            Integer horizon = intIn(root.get("bookingHorizonDays"), "bookingHorizonDays", 0, 60);
            Map<DayOfWeek, List<OpeningInterval>> hours = openingHours(root.get("openingHours"));
            List<LocalDate> holidays = holidays(root.get("holidays"));
            List<ChecklistItem> checklist = checklist(root.get("checklist"));
            List<UrgencyReason> reasons = reasons(root.get("urgencyReasons"));
            List<Counter> counters = counters(root.get("counters"));
            NikRegionPolicyMode mode = null;
            JsonNode m = root.get("nikRegionPolicy");
            try {
                mode = m == null || !m.isTextual() ? null : NikRegionPolicyMode.valueOf(m.asText().toUpperCase());
            } catch (IllegalArgumentException e) {
                mode = null;
            }
            if (mode == null) {
                errors.put("nikRegionPolicy", "Pilih OFF, WARN atau ENFORCE / Choose OFF, WARN or ENFORCE");
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new OfficeSettings(quota, slotMinutes, slotCapacity, roomCapacity, horizon, hours, holidays,
                    checklist, reasons, counters, mode);
        }

        Integer intIn(JsonNode node, String path, int min, int max) {
            if (node == null || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
                errors.put(path, "Harus bilangan bulat " + min + "–" + max + " / Must be a whole number " + min + "–" + max);
                return null;
            }
            return node.asInt();
        }

        Map<DayOfWeek, List<OpeningInterval>> openingHours(JsonNode node) {
            Map<DayOfWeek, List<OpeningInterval>> hours = new LinkedHashMap<>();
            if (node == null || !node.isObject()) {
                errors.put("openingHours", "Wajib diisi: jam buka per hari / Required: opening hours per weekday");
                return hours;
            }
            node.fields().forEachRemaining(e -> {
                DayOfWeek day;
                try {
                    day = DayOfWeek.valueOf(e.getKey().toUpperCase());
                } catch (IllegalArgumentException ex) {
                    errors.put("openingHours." + e.getKey(), "Bukan nama hari (MONDAY…SUNDAY) / Not a weekday (MONDAY…SUNDAY)");
                    return;
                }
                List<OpeningInterval> list = new ArrayList<>();
                if (!e.getValue().isArray()) {
                    errors.put("openingHours." + day, "Harus daftar jam buka / Must be a list of intervals");
                    return;
                }
                LocalTime lastClose = null;
                for (int i = 0; i < e.getValue().size(); i++) {
                    String path = "openingHours." + day + "[" + i + "]";
                    JsonNode interval = e.getValue().get(i);
                    LocalTime open = time(interval.get("open"), path + ".open");
                    LocalTime close = time(interval.get("close"), path + ".close");
                    if (open != null && close != null) {
                        if (!open.isBefore(close)) {
                            errors.put(path, "Jam tutup harus setelah jam buka / Closing must be after opening");
                        } else if (lastClose != null && open.isBefore(lastClose)) {
                            errors.put(path, "Jam buka saling tumpang tindih / Intervals overlap");
                        } else {
                            list.add(new OpeningInterval(open, close));
                            lastClose = close;
                        }
                    }
                }
                hours.put(day, list);
            });
            return hours;
        }

        LocalTime time(JsonNode node, String path) {
            try {
                if (node != null && node.isTextual() && node.asText().matches("[0-2][0-9]:[0-5][0-9]")) {
                    return LocalTime.parse(node.asText());
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            errors.put(path, "Jam harus HH:mm (mis. 08:00) / Time must be HH:mm (e.g. 08:00)");
            return null;
        }

        List<LocalDate> holidays(JsonNode node) {
            List<LocalDate> days = new ArrayList<>();
            if (node == null) {
                return days;
            }
            if (!node.isArray()) {
                errors.put("holidays", "Harus daftar tanggal / Must be a list of dates");
                return days;
            }
            for (int i = 0; i < node.size(); i++) {
                try {
                    days.add(LocalDate.parse(node.get(i).asText()));
                } catch (DateTimeParseException e) {
                    errors.put("holidays[" + i + "]", "Tanggal harus YYYY-MM-DD / Date must be YYYY-MM-DD");
                }
            }
            return days.stream().distinct().sorted().toList();
        }

        Text label(JsonNode node, String path) {
            if (node == null || !node.isObject() || !textOk(node.get("id"), 200) || !textOk(node.get("en"), 200)) {
                errors.put(path, "Wajib teks Indonesia (id) dan Inggris (en), paling banyak 200 karakter / "
                        + "Needs Indonesian (id) and English (en) text, at most 200 characters");
                return null;
            }
            return Text.of(node.get("id").asText().strip(), node.get("en").asText().strip());
        }

        String code(JsonNode node, String path, Set<String> seen) {
            if (node == null || !node.isTextual() || !node.asText().matches("[A-Z][A-Z0-9_]{0,31}")) {
                errors.put(path, "Kode: huruf besar, angka, garis bawah / Code: capitals, digits, underscore");
                return null;
            }
            if (!seen.add(node.asText())) {
                errors.put(path, "Kode ganda / Duplicate code");
                return null;
            }
            return node.asText();
        }

        List<ChecklistItem> checklist(JsonNode node) {
            List<ChecklistItem> items = new ArrayList<>();
            if (node == null || !node.isArray()) {
                errors.put("checklist", "Wajib daftar butir protokol kesehatan / Required: a list of checklist items");
                return items;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "checklist[" + i + "]";
                JsonNode item = node.get(i);
                String code = code(item.get("code"), path + ".code", seen);
                Text label = label(item.get("label"), path + ".label");
                JsonNode required = item.get("required");
                if (required == null || !required.isBoolean()) {
                    errors.put(path + ".required", "Harus true atau false / Must be true or false");
                } else if (code != null && label != null) {
                    items.add(new ChecklistItem(code, required.asBoolean(), label));
                }
            }
            return items;
        }

        List<UrgencyReason> reasons(JsonNode node) {
            List<UrgencyReason> reasons = new ArrayList<>();
            if (node == null || !node.isArray() || node.isEmpty()) {
                errors.put("urgencyReasons", "Wajib paling sedikit satu alasan mendesak / At least one urgency reason is required");
                return reasons;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "urgencyReasons[" + i + "]";
                String code = code(node.get(i).get("code"), path + ".code", seen);
                Text label = label(node.get(i).get("label"), path + ".label");
                if (code != null && label != null) {
                    reasons.add(new UrgencyReason(code, label));
                }
            }
            return reasons;
        }

        List<Counter> counters(JsonNode node) {
            List<Counter> counters = new ArrayList<>();
            if (node == null || !node.isArray() || node.isEmpty()) {
                errors.put("counters", "Wajib paling sedikit satu loket / At least one counter is required");
                return counters;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "counters[" + i + "]";
                JsonNode id = node.get(i).get("id");
                JsonNode name = node.get(i).get("name");
                if (id == null || !id.isTextual() || !id.asText().matches("[A-Za-z0-9_-]{1,16}") || !seen.add(id.asText())) {
                    errors.put(path + ".id", "Id loket: 1–16 huruf/angka, tidak ganda / Counter id: 1–16 letters or digits, unique");
                } else if (!textOk(name, 50)) {
                    errors.put(path + ".name", "Nama loket wajib, paling banyak 50 karakter / Counter name required, at most 50 characters");
                } else {
                    counters.add(new Counter(id.asText(), name.asText().strip()));
                }
            }
            return counters;
        }

        static boolean textOk(JsonNode node, int max) {
            return node != null && node.isTextual() && !node.asText().isBlank() && node.asText().length() <= max;
        }
    }
}
