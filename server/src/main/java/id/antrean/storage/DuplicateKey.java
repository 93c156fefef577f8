package id.antrean.storage;

import java.sql.SQLException;

/** Recognises MariaDB's duplicate-key error (1062) on a given unique index. */
final class DuplicateKey {
    private DuplicateKey() {
    }

    static boolean on(Throwable error, String index) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 1062
                    && sql.getMessage() != null && sql.getMessage().contains(index)) {
                return true;
            }
        }
        return false;
    }
}
