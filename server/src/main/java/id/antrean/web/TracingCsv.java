package id.antrean.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import id.antrean.app.ContactTracing;
import id.antrean.domain.Text;

/**
 * A contact tracing export as CSV (RFC 4180, comma, CRLF): a header block (office, case, who and
 * when, the traced tickets, what can no longer be told) as lines starting with "#", then one row
 * per contact. Text fields are quoted, and a leading = + - @ is defused for spreadsheets.
 */
final class TracingCsv {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private TracingCsv() {
    }

    static String write(ContactTracing.Export e, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        line(b, "# Penelusuran kontak / Contact tracing", e.office().name().id());
        line(b, "# Alasan (nomor kasus) / Reason (case number)", e.reason());
        line(b, "# Dibuat / Generated", time(e.generatedAt(), zone) + " " + zone.getId());
        for (ContactTracing.Index i : e.index()) {
            line(b, "# Nomor ditelusuri / Traced number", i.ticket().number() + " " + i.ticket().day()
                    + " masuk " + time(i.ticket().admittedAt(), zone) + " dipanggil " + time(i.firstCalledAt(), zone)
                    + " selesai " + time(i.ticket().finishedAt(), zone)
                    + (i.presence().counterId() == null ? "" : " loket " + i.presence().counterId())
                    + (i.staff().isEmpty() ? "" : " petugas " + String.join(" ", i.staff())));
        }
        for (Text t : e.limits()) {
            line(b, "# Catatan / Note", t.id() + " / " + t.en());
        }
        b.append("number,day,service,state,waitingRoomMinutes,sameCounterMinutes,from,to,counter,reach,whatsapp\r\n");
        for (ContactTracing.Contact c : e.contacts()) {
            b.append(quote(c.ticket().number())).append(',').append(c.ticket().day()).append(',')
                    .append(quote(c.ticket().service())).append(',').append(c.ticket().state().name()).append(',')
                    .append(c.waitingRoomMinutes()).append(',').append(c.sameCounterMinutes()).append(',')
                    .append(time(c.from(), zone)).append(',').append(time(c.to(), zone)).append(',')
                    .append(quote(c.ticket().counterId())).append(',').append(c.reach().name()).append(',')
                    .append(quote(c.whatsapp())).append("\r\n");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(quote(label)).append(',').append(quote(value)).append("\r\n");
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    static String quote(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.startsWith("+62")) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
