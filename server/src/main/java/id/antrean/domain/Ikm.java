package id.antrean.domain;

/**
 * The public-service satisfaction index of one day, as Peraturan Menteri PAN-RB No. 14 Tahun 2017
 * computes it: the mean of the answers on the 1–4 scale (nilai rata-rata), and that mean × 25
 * (the "nilai konversi", 25–100), with the quality category of the regulation's table:
 * A sangat baik 88,31–100; B baik 76,61–88,30; C kurang baik 65,00–76,60; D tidak baik 25,00–64,99.
 * The regulation weighs nine service elements equally; the ticket page asks one overall question,
 * so here the index is that single element's mean.
 */
public record Ikm(int answers, double mean, double converted, String category) {
    public static final double CONVERSION = 25.0;

    /** From the number of answers and the sum of their scores; null without answers. */
    public static Ikm of(int answers, long scoreSum) {
        if (answers <= 0) {
            return null;
        }
        double mean = (double) scoreSum / answers;
        double converted = Math.round(mean * CONVERSION * 100.0) / 100.0;
        return new Ikm(answers, Math.round(mean * 1000.0) / 1000.0, converted, category(converted));
    }

    static String category(double converted) {
        if (converted >= 88.31) {
            return "A";
        }
        if (converted >= 76.61) {
            return "B";
        }
        if (converted >= 65.00) {
            return "C";
        }
        return "D";
    }
}
