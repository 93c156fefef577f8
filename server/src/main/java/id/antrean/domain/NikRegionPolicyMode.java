package id.antrean.domain;

/** What to do with a NIK registered outside the office's region: ignore, flag for staff, or refuse. */
public enum NikRegionPolicyMode {
    OFF, WARN, ENFORCE
}
