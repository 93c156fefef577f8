package id.antrean.app;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes) in the standard PHC string form. */
final class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked when the username is unknown, so a wrong name takes as long as a wrong password. */
    private static final String DUMMY = hash("not-a-real-password-just-for-timing");

    private PasswordHasher() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    static boolean matches(String password, String hash) {
        if (hash == null) {
            Password.check(password, DUMMY).with(ARGON2);
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
