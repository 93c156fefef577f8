package id.antrean.app;

import java.util.Map;

import id.antrean.domain.Office;
import id.antrean.domain.Rejected;
import id.antrean.domain.Rejection;
import id.antrean.domain.RejectionCode;
import id.antrean.domain.Text;
import id.antrean.storage.OfficeStore;

/** Looks offices up for the use cases; an unknown office id is a 404 for every endpoint. */
public final class Offices {
    private final OfficeStore store;

    public Offices(OfficeStore store) {
        this.store = store;
    }

    public Office get(String officeId) {
        return store.find(officeId).orElseThrow(() -> new Rejected(Rejection.of(RejectionCode.OFFICE_NOT_FOUND,
                Text.of("Kantor tidak ditemukan: " + officeId + ".", "No such office: " + officeId + "."),
                Map.of("office", officeId))));
    }
}
