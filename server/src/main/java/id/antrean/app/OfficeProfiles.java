package id.antrean.app;

import java.time.Clock;
import java.util.List;

import id.antrean.domain.InvalidSettings;
import id.antrean.domain.Office;
import id.antrean.domain.OfficeProfile;
import id.antrean.domain.OfficeProfilePolicy;
import id.antrean.domain.Service;
import id.antrean.domain.SettingsProblem;
import id.antrean.storage.OfficeStore;

/** Admins edit the office's name and its services' WhatsApp numbers and instructions; audited. */
public final class OfficeProfiles {
    private final Offices offices;
    private final OfficeStore store;
    private final Clock clock;

    public OfficeProfiles(Offices offices, OfficeStore store, Clock clock) {
        this.offices = offices;
        this.store = store;
        this.clock = clock;
    }

    public OfficeProfile profile(String officeId) {
        return of(offices.get(officeId));
    }

    static OfficeProfile of(Office office) {
        return new OfficeProfile(office.name(), office.services().stream()
                .map(s -> new OfficeProfile.ServiceContact(s.code(), s.whatsapp() == null ? null : s.whatsapp().e164(), s.whatToSend()))
                .toList());
    }

    /**
     * Saves a profile that passes {@link OfficeProfilePolicy}; numbers are stored as E.164. Services
     * left out keep their contacts.
     *
     * @throws InvalidSettings listing every problem; nothing changes then
     */
    public OfficeProfile update(String officeId, OfficeProfile wanted, String actor) {
        Office office = offices.get(officeId);
        List<Service> services = office.services();
        List<SettingsProblem> problems = OfficeProfilePolicy.check(wanted, services);
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        OfficeProfile normalised = new OfficeProfile(wanted.name(), wanted.services().stream()
                .map(c -> new OfficeProfile.ServiceContact(c.code(), OfficeProfilePolicy.e164(c.whatsapp()),
                        c.instructions() == null || (c.instructions().id().isBlank() && c.instructions().en().isBlank())
                                ? null : c.instructions()))
                .toList());
        store.updateProfile(officeId, of(office), normalised, actor, clock.instant());
        return of(offices.get(officeId));
    }
}
