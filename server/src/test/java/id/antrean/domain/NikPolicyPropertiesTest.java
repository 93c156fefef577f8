package id.antrean.domain;

import java.time.LocalDate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the NIK check over many generated numbers. */
class NikPolicyPropertiesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Provide
    Arbitrary<String> validNiks() {
        Arbitrary<String> province = Arbitraries.of(NikPolicy.PROVINCES);
        Arbitrary<Integer> regency = Arbitraries.integers().between(1, 99);
        Arbitrary<Integer> district = Arbitraries.integers().between(1, 99);
        Arbitrary<LocalDate> born = Arbitraries.integers().between(0, 36_000).map(d -> TODAY.minusDays(d));
        Arbitrary<Boolean> woman = Arbitraries.of(true, false);
        Arbitrary<Integer> serial = Arbitraries.integers().between(1, 9999);
        return Combinators.combine(province, regency, district, born, woman, serial).as((p, r, d, b, w, s) ->
                p + String.format("%02d%02d%02d%02d%02d%04d", r, d, b.getDayOfMonth() + (w ? 40 : 0),
                        b.getMonthValue(), b.getYear() % 100, s));
    }

    @Property
    void everyWellFormedNikIsAccepted(@ForAll("validNiks") String nik) {
        assertThat(NikPolicy.check(nik, TODAY)).isEmpty();
    }

    @Property
    void theBirthDateReadBackIsTheOneWrittenWhenWithinACentury(@ForAll("validNiks") String nik) {
        LocalDate date = NikPolicy.birthDate(nik, TODAY).orElseThrow();
        assertThat(date).isBeforeOrEqualTo(TODAY).isAfter(TODAY.minusYears(100));
        int day = Integer.parseInt(nik.substring(6, 8));
        assertThat(date.getDayOfMonth()).isEqualTo(day > 40 ? day - 40 : day);
    }

    @Property
    void anythingButSixteenDigitsIsRefusedForLength(@ForAll @StringLength(max = 30) String text) {
        if (!text.matches("[0-9]{16}")) {
            assertThat(NikPolicy.check(text, TODAY)).get()
                    .satisfies(r -> assertThat(r.details()).containsEntry("reason", "LENGTH"));
        }
    }

    @Property
    void changingOneDigitOfTheBirthMonthToAnImpossibleOneIsRefused(@ForAll("validNiks") String nik,
                                                                   @ForAll @IntRange(min = 13, max = 99) int month) {
        String broken = nik.substring(0, 8) + String.format("%02d", month) + nik.substring(10);
        assertThat(NikPolicy.check(broken, TODAY)).get()
                .satisfies(r -> assertThat(r.details()).containsEntry("reason", "BIRTH_DATE"));
    }
}
