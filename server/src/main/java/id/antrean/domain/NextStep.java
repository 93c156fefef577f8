package id.antrean.domain;

import java.util.Optional;

/**
 * What a resident does after a ticket has ended, told on the ticket page: book again after a
 * no-show, what to bring after a refusal, and after KTP-el recording that the card's printing is
 * asked for over WhatsApp, at the population-registration number of the office's settings.
 */
public record NextStep(Text text, Service whatsApp) {
    /** The service whose WhatsApp number takes KTP-el printing requests (pendaftaran penduduk). */
    public static final String KTP_EL_PRINT = "KTP_EL_PRINT";

    public static Optional<NextStep> of(Ticket t, Office office) {
        return switch (t.state()) {
            case NO_SHOW -> Optional.of(new NextStep(Text.of(
                    "Nomor ini sudah tidak berlaku. Untuk dilayani, ambil nomor antrean baru di kiosk pintu masuk: "
                            + "hari ini bila kuota masih ada, atau pilih hari lain. Datang tepat pada jadwal Anda.",
                    "This number is no longer valid. To be served, take a new number at the kiosk by the entrance: "
                            + "today if the quota allows, or another day. Come at your time slot."), null));
            case REFUSED -> Optional.of(new NextStep(RefusalReason.ofStored(t.refuseReason()).nextTime(), null));
            case DONE -> t.service().equals(Service.KTP_EL_RECORDING) ? Optional.of(ktpElPrinting(office)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static NextStep ktpElPrinting(Office office) {
        Service print = office.service(KTP_EL_PRINT).filter(s -> s.whatsapp() != null).orElse(null);
        if (print == null) {
            return new NextStep(Text.of(
                    "Perekaman selesai. Pencetakan KTP-el diminta lewat WhatsApp kantor; tanyakan nomornya kepada petugas.",
                    "Recording is done. Ask for your KTP-el to be printed over the office's WhatsApp; the staff give the number."), null);
        }
        String number = print.whatsapp().display();
        return new NextStep(Text.of(
                "Perekaman selesai. Untuk mencetak KTP-el, kirim permintaan lewat WhatsApp ke " + number
                        + " (pendaftaran penduduk). Waktu pengambilan diberitahukan lewat WhatsApp.",
                "Recording is done. To have your KTP-el printed, send a request by WhatsApp to " + number
                        + " (population registration). You will be told by WhatsApp when to collect it."), print);
    }
}
