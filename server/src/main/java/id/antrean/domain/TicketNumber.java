package id.antrean.domain;

/** How a queue number (nomor antrean) is written: prefix, dash, at least three digits ("A-007"). */
public final class TicketNumber {
    private TicketNumber() {
    }

    public static String format(String prefix, int number) {
        return prefix + "-" + String.format("%03d", number);
    }

    /** The day's sequence number inside a formatted number: 7 for "A-007". */
    public static int sequence(String formatted) {
        return Integer.parseInt(formatted.substring(formatted.lastIndexOf('-') + 1));
    }
}
