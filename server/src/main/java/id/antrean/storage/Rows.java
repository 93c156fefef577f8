package id.antrean.storage;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.helidon.dbclient.DbRow;

/** Reads columns as the JDBC driver hands them over, whatever its exact Java types. */
final class Rows {
    private Rows() {
    }

    static Object raw(DbRow row, String column) {
        return row.column(column).orElse(null);
    }

    static String str(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : v.toString();
    }

    static Integer integer(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : ((Number) v).intValue();
    }

    static int intOr(DbRow row, String column, int fallback) {
        Integer v = integer(row, column);
        return v == null ? fallback : v;
    }

    static long lng(DbRow row, String column) {
        return ((Number) raw(row, column)).longValue();
    }

    static boolean bool(DbRow row, String column) {
        Object v = raw(row, column);
        if (v instanceof Boolean b) {
            return b;
        }
        return v != null && ((Number) v).intValue() != 0;
    }

    static BigDecimal decimal(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    static byte[] bytes(DbRow row, String column) {
        return (byte[]) raw(row, column);
    }

    static Instant instant(DbRow row, String column) {
        Object v = raw(row, column);
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("Not a timestamp in column " + column + ": " + v.getClass());
    }

    static LocalDate date(DbRow row, String column) {
        Object v = raw(row, column);
        if (v == null) {
            return null;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDate l) {
            return l;
        }
        return LocalDate.parse(v.toString());
    }

    /** A timestamp parameter; the connection works in UTC. */
    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static java.sql.Date sqlDate(LocalDate day) {
        return java.sql.Date.valueOf(day);
    }
}
