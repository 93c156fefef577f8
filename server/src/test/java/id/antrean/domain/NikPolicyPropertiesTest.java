package id.antrean.domain;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/** Properties of the NIK check over thousands of generated numbers (QuickTheories shrinks failures). */
class NikPolicyPropertiesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    /** Well-formed NIKs: known province, non-zero regency and district, real birth date, serial 0001–9999. */
    static Gen<String> validNiks() {
        Gen<String> province = Generate.pick(List.copyOf(NikPolicy.PROVINCES));
        Gen<Integer> regency = integers().between(1, 99);
        Gen<Integer> district = integers().between(1, 99);
        Gen<LocalDate> born = integers().between(0, 36_000).map(d -> TODAY.minusDays(d));
        Gen<Integer> serial = integers().between(1, 9999);
        Gen<Boolean> woman = Generate.booleans();
        return province.zip(regency, district, born, serial, (p, r, d, b, s) ->
                p + String.format("%02d%02d", r, d) + "|" + b + "|" + String.format("%04d", s))
                .zip(woman, (partial, w) -> {
                    String[] parts = partial.split("\\|");
                    LocalDate b = LocalDate.parse(parts[1]);
                    return parts[0] + String.format("%02d%02d%02d", b.getDayOfMonth() + (w ? 40 : 0), b.getMonthValue(),
                            b.getYear() % 100) + parts[2];
                });
    }

    @Test
    void everyWellFormedNikIsAccepted() {
        qt().withExamples(2000).forAll(validNiks()).checkAssert(nik -> assertThat(NikPolicy.check(nik, TODAY)).isEmpty());
    }

    @Test
    void theBirthDateReadBackIsTheOneWrittenWithinACentury() {
        qt().withExamples(2000).forAll(validNiks()).checkAssert(nik -> {
            LocalDate date = NikPolicy.birthDate(nik, TODAY).orElseThrow();
            assertThat(date).isBeforeOrEqualTo(TODAY).isAfter(TODAY.minusYears(100));
            int day = Integer.parseInt(nik.substring(6, 8));
            assertThat(date.getDayOfMonth()).isEqualTo(day > 40 ? day - 40 : day);
            assertThat(date.getMonthValue()).isEqualTo(Integer.parseInt(nik.substring(8, 10)));
        });
    }

    @Test
    void anythingButSixteenDigitsIsRefusedForLength() {
        qt().withExamples(2000).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 30)).checkAssert(text -> {
            if (!text.matches("[0-9]{16}")) {
                assertThat(NikPolicy.check(text, TODAY)).get()
                        .satisfies(r -> assertThat(r.details()).containsEntry("reason", "LENGTH"));
            }
        });
        qt().forAll(strings().numericBetween(0, 999_999_999)).checkAssert(digits ->
                assertThat(NikPolicy.check(digits, TODAY)).isPresent());
    }

    @Test
    void anImpossibleBirthMonthIsRefused() {
        qt().withExamples(2000).forAll(validNiks(), integers().between(13, 99)).checkAssert((nik, month) -> {
            String broken = nik.substring(0, 8) + String.format("%02d", month) + nik.substring(10);
            assertThat(NikPolicy.check(broken, TODAY)).get()
                    .satisfies(r -> assertThat(r.details()).containsEntry("reason", "BIRTH_DATE"));
        });
    }

    @Test
    void anUnknownProvinceIsRefused() {
        qt().withExamples(2000).forAll(validNiks(), integers().between(0, 99)).checkAssert((nik, code) -> {
            String province = String.format("%02d", code);
            if (!NikPolicy.PROVINCES.contains(province)) {
                assertThat(NikPolicy.check(province + nik.substring(2), TODAY)).get()
                        .satisfies(r -> assertThat(r.details()).containsEntry("reason", "PROVINCE"));
            }
        });
    }
}
