package id.antrean.domain;

/** A WhatsApp number of the office, kept in E.164 (+62…) and shown the Indonesian way (08…). */
public record WhatsAppContact(String e164) {
    public WhatsAppContact {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{7,14}")) {
            throw new IllegalArgumentException("Not an E.164 number: " + e164);
        }
    }

    /** The link that opens a chat with the number. */
    public String link() {
        return "https://wa.me/" + e164.substring(1);
    }

    /** As residents know it: +6287894567172 → 0878-9456-7172. */
    public String display() {
        String local = e164.startsWith("+62") ? "0" + e164.substring(3) : e164;
        if (!local.startsWith("0") || local.length() < 10) {
            return local;
        }
        StringBuilder out = new StringBuilder(local.substring(0, 4));
        for (int i = 4; i < local.length(); i += 4) {
            out.append('-').append(local, i, Math.min(i + 4, local.length()));
        }
        return out.toString();
    }
}
