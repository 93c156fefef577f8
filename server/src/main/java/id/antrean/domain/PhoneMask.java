package id.antrean.domain;

/** A phone number as staff see it: only the last four digits. */
public final class PhoneMask {
    private PhoneMask() {
    }

    public static String mask(String phone) {
        if (phone == null || phone.length() < 4) {
            return "••••";
        }
        return "••••" + phone.substring(phone.length() - 4);
    }
}
