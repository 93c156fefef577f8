package id.antrean.domain;

/**
 * One thing wrong with a settings document: where (a path such as {@code counters[1].id} or
 * {@code openingHours.MONDAY[0]}) and what, in both languages.
 */
public record SettingsProblem(String path, Text message) {
    public static SettingsProblem at(String path, String id, String en) {
        return new SettingsProblem(path, Text.of(id, en));
    }
}
