package id.antrean.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.antrean.domain.PickupRegistration;
import id.antrean.domain.Text;
import io.helidon.http.Status;

/**
 * A spreadsheet of finished documents, saved as CSV (UTF-8; comma or semicolon, as Indonesian
 * Excel writes it). The first line names the columns, in Indonesian or English, in any order;
 * columns it does not know (notes) are ignored. Parsing is Jackson's CSV parser (quotes, embedded
 * line breaks, a byte-order mark); every data row is checked and reported by its line number.
 */
public final class PickupCsv {
    /** Largest file accepted (a 5 MB export fits). */
    public static final int MAX_BYTES = 6 * 1024 * 1024;
    private static final CsvMapper MAPPER = new CsvMapper();

    /** Our field, and the column headings staff may use for it. */
    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("type", List.of("type", "jenis", "jenis_dokumen", "dokumen", "document_type"));
        COLUMNS.put("reference", List.of("reference", "rujukan", "nomor_rujukan", "no_rujukan", "nomor_register", "nomor_permohonan", "ref"));
        COLUMNS.put("name", List.of("name", "nama", "nama_pemohon", "resident_name"));
        COLUMNS.put("phone", List.of("phone", "whatsapp", "wa", "nomor_wa", "no_wa", "nomor_whatsapp", "telepon", "hp"));
        COLUMNS.put("nikLast4", List.of("nik_last4", "niklast4", "nik4", "4_digit_nik", "empat_digit_nik", "nik_4_digit_terakhir"));
        COLUMNS.put("language", List.of("language", "bahasa", "lang"));
    }

    private PickupCsv() {
    }

    /** A data row checked: its line number in the file and the result. */
    public record Row(int line, String reference, PickupRegistration.Checked checked) {
    }

    /** The file read: every data row, and the columns that were ignored. */
    public record Sheet(List<Row> rows, List<String> ignoredColumns) {
    }

    /**
     * Reads and checks every row.
     *
     * @throws ApiError 400 for a file that is not UTF-8, not CSV, empty, or lacks a needed column;
     *                  413 for more rows than {@code maxRows}
     */
    public static Sheet read(byte[] bytes, int maxRows) {
        String text = utf8(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstBreak = text.indexOf('\n');
        String header = firstBreak < 0 ? text : text.substring(0, firstBreak);
        if (header.isBlank()) {
            throw ApiError.badRequest("CSV_EMPTY", Text.of("Berkas kosong: baris pertama harus berisi nama kolom.",
                    "The file is empty: its first line must name the columns."), Map.of());
        }
        char separator = count(header, ';') > count(header, ',') ? ';' : ',';
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"');
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation() == null ? -1 : it.getCurrentLocation().getLineNr();
                String[] r = it.nextValue();
                if (records.size() > maxRows) {
                    throw tooManyRows(maxRows);
                }
                if (r.length == 0 || (r.length == 1 && r[0].isBlank())) {
                    continue;
                }
                records.add(r);
                lines.add(line);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiError api) {
                throw api;
            }
            String where = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw ApiError.badRequest("CSV_MALFORMED", Text.of(
                    "Berkas tidak dapat dibaca sebagai CSV (periksa tanda kutip). " + cut(where),
                    "The file could not be read as CSV (check the quotes). " + cut(where)), Map.of());
        }
        if (records.isEmpty()) {
            throw ApiError.badRequest("CSV_EMPTY", Text.of("Berkas kosong.", "The file is empty."), Map.of());
        }
        String[] head = records.getFirst();
        Map<String, Integer> at = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < head.length; i++) {
            String h = head[i].strip().toLowerCase(Locale.ROOT).replaceAll("[\\s.-]+", "_");
            String field = COLUMNS.entrySet().stream().filter(e -> e.getValue().contains(h)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (field == null || at.containsKey(field)) {
                ignored.add(head[i].strip());
            } else {
                at.put(field, i);
            }
        }
        List<String> missing = COLUMNS.keySet().stream().filter(f -> !f.equals("language") && !at.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            throw ApiError.badRequest("CSV_COLUMNS_MISSING", Text.of(
                    "Kolom wajib tidak ada: " + String.join(", ", missing) + ". Baris pertama harus: jenis, rujukan, nama, whatsapp, nik4.",
                    "Required columns missing: " + String.join(", ", missing) + ". The first line must be: type, reference, name, phone, nik_last4."),
                    Map.of("missing", missing, "found", List.of(head)));
        }
        if (records.size() - 1 > maxRows) {
            throw tooManyRows(maxRows);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            String[] r = records.get(i);
            String reference = cell(r, at.get("reference"));
            rows.add(new Row(lines.get(i), reference, PickupRegistration.check(cell(r, at.get("type")), reference,
                    cell(r, at.get("name")), cell(r, at.get("phone")), cell(r, at.get("nikLast4")), cell(r, at.get("language")))));
        }
        if (rows.isEmpty()) {
            throw ApiError.badRequest("CSV_EMPTY", Text.of("Berkas hanya berisi baris judul, tanpa dokumen.",
                    "The file has only the header line, no documents."), Map.of());
        }
        return new Sheet(rows, ignored);
    }

    private static String cell(String[] row, Integer index) {
        return index == null || index >= row.length ? null : row[index];
    }

    /** Strict UTF-8: a file saved as Windows-1252 or UTF-16 is refused with how to save it right. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String s = decoder.decode(in).toString();
            if (s.indexOf('\u0000') >= 0) {
                throw notUtf8(lineAt(bytes, s.indexOf('\u0000')));
            }
            return s;
        } catch (MalformedInputException e) {
            throw notUtf8(lineAt(bytes, in.position()));
        } catch (CharacterCodingException e) {
            throw notUtf8(lineAt(bytes, in.position()));
        }
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static ApiError notUtf8(int line) {
        return ApiError.badRequest("CSV_NOT_UTF8", Text.of(
                "Berkas bukan UTF-8 (baris " + line + "). Di Excel: Simpan Sebagai → \"CSV UTF-8 (dipisahkan koma)\".",
                "The file is not UTF-8 (line " + line + "). In Excel: Save As → \"CSV UTF-8 (Comma delimited)\"."),
                Map.of("line", line));
    }

    private static ApiError tooManyRows(int maxRows) {
        return new ApiError(Status.REQUEST_ENTITY_TOO_LARGE_413, "CSV_TOO_MANY_ROWS", Text.of(
                "Terlalu banyak baris: paling banyak " + maxRows + " dokumen per berkas. Bagi berkasnya.",
                "Too many rows: at most " + maxRows + " documents per file. Split the file."),
                Map.of("maxRows", maxRows));
    }

    static ApiError tooLarge() {
        return new ApiError(Status.REQUEST_ENTITY_TOO_LARGE_413, "CSV_TOO_LARGE", Text.of(
                "Berkas terlalu besar: paling banyak " + MAX_BYTES / (1024 * 1024) + " MB. Bagi berkasnya.",
                "The file is too large: at most " + MAX_BYTES / (1024 * 1024) + " MB. Split the file."),
                Map.of("maxBytes", MAX_BYTES));
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    private static String cut(String s) {
        return s.length() > 160 ? s.substring(0, 160) : s;
    }
}
