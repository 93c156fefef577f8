package id.antrean.storage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.antrean.domain.ChecklistItem;
import id.antrean.domain.Counter;
import id.antrean.domain.DisplaySettings;
import id.antrean.domain.InvalidSettings;
import id.antrean.domain.NikRegionPolicyMode;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.OpeningInterval;
import id.antrean.domain.SettingsProblem;
import id.antrean.domain.Text;
import id.antrean.domain.UrgencyReason;

/**
 * The settings document, the same JSON shape in the database and over the API. Reading checks the
 * shape against the JSON Schema ({@link SettingsSchema}) and reports every problem by its path;
 * the rules between fields are domain policies, applied where a document is saved.
 */
public final class SettingsCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SettingsCodec() {
    }

    /** Reads a stored document. */
    public static OfficeSettings read(String json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new InvalidSettings(List.of(SettingsProblem.at("", "Pengaturan tersimpan bukan JSON",
                    "The stored settings are not JSON")));
        }
    }

    /**
     * Reads a document whose shape the schema allows.
     *
     * @throws InvalidSettings with every problem of the document's shape
     */
    public static OfficeSettings read(JsonNode node) {
        List<SettingsProblem> problems = SettingsSchema.problems(node);
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        Map<String, Integer> quota = new LinkedHashMap<>();
        node.get("dailyQuota").fields().forEachRemaining(e -> quota.put(e.getKey(), e.getValue().intValue()));
        Map<DayOfWeek, List<OpeningInterval>> hours = new LinkedHashMap<>();
        node.get("openingHours").fields().forEachRemaining(e -> {
            List<OpeningInterval> list = new ArrayList<>();
            e.getValue().forEach(i -> list.add(new OpeningInterval(LocalTime.parse(i.get("open").asText()),
                    LocalTime.parse(i.get("close").asText()))));
            hours.put(DayOfWeek.valueOf(e.getKey()), list);
        });
        List<LocalDate> holidays = new ArrayList<>();
        node.get("holidays").forEach(d -> holidays.add(LocalDate.parse(d.asText())));
        List<ChecklistItem> checklist = new ArrayList<>();
        node.get("checklist").forEach(i -> checklist.add(new ChecklistItem(i.get("code").asText(),
                i.get("required").asBoolean(), label(i.get("label")))));
        List<UrgencyReason> reasons = new ArrayList<>();
        node.get("urgencyReasons").forEach(r -> reasons.add(new UrgencyReason(r.get("code").asText(), label(r.get("label")))));
        List<Counter> counters = new ArrayList<>();
        node.get("counters").forEach(c -> counters.add(new Counter(c.get("id").asText(), c.get("name").asText().strip())));
        return new OfficeSettings(quota, node.get("slotMinutes").intValue(), node.get("slotCapacity").intValue(),
                node.get("roomCapacity").intValue(), node.get("bookingHorizonDays").intValue(), hours,
                holidays.stream().sorted().toList(), checklist, reasons, counters,
                NikRegionPolicyMode.valueOf(node.get("nikRegionPolicy").asText()),
                node.path("kiosk").path("askName").asBoolean(false), display(node.get("display")));
    }

    /** The displays' part; optional, so documents saved before it existed keep their meaning. */
    private static DisplaySettings display(JsonNode node) {
        if (node == null || node.isNull()) {
            return DisplaySettings.DEFAULT;
        }
        return new DisplaySettings(node.path("notice").asText(""),
                DisplaySettings.VoiceMode.valueOf(node.path("voice").asText(DisplaySettings.VoiceMode.SPEECH.name())));
    }

    private static Text label(JsonNode node) {
        return Text.of(node.get("id").asText().strip(), node.get("en").asText().strip());
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
        root.putObject("kiosk").put("askName", s.kioskAskName());
        root.putObject("display").put("notice", s.display().notice()).put("voice", s.display().voice().name());
        return root;
    }
}
