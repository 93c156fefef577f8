package id.antrean.app;

import java.time.Clock;
import java.util.List;

import id.antrean.domain.InvalidSettings;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeSettings;
import id.antrean.domain.SettingsPolicies;
import id.antrean.domain.SettingsProblem;
import id.antrean.storage.OfficeStore;

/** Changing how an office runs: its settings, audited and in force for the next request. */
public final class OfficeAdmin {
    private final Offices offices;
    private final OfficeStore store;
    private final WaitingRoom room;
    private final Clock clock;

    public OfficeAdmin(Offices offices, OfficeStore store, WaitingRoom room, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.room = room;
        this.clock = clock;
    }

    public OfficeSettings settings(String officeId) {
        return offices.get(officeId).settings();
    }

    /**
     * Saves settings that pass every office rule; otherwise nothing changes.
     *
     * @throws InvalidSettings listing every rule the settings break
     */
    public OfficeSettings update(String officeId, OfficeSettings settings, String actor) {
        Office office = offices.get(officeId);
        List<SettingsProblem> problems = SettingsPolicies.check(settings, office.services());
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        store.updateSettings(officeId, settings, actor, clock.instant());
        Office updated = offices.get(officeId);
        // A larger room or longer hours may let people in right away.
        room.admit(updated);
        return updated.settings();
    }
}
