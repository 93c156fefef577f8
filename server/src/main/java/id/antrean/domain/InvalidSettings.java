package id.antrean.domain;

import java.util.List;

/** A settings document that was refused, with every problem found in it (none is left out). */
public final class InvalidSettings extends RuntimeException {
    private final List<SettingsProblem> problems;

    public InvalidSettings(List<SettingsProblem> problems) {
        super("Invalid settings: " + problems.stream().map(SettingsProblem::path).toList(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<SettingsProblem> problems() {
        return problems;
    }
}
