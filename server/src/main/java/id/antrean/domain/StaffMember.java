package id.antrean.domain;

import java.time.Instant;

/** A staff account; the password hash never leaves storage. */
public record StaffMember(String username, Role role, boolean disabled, Instant lockedUntil, Instant createdAt) {
}
