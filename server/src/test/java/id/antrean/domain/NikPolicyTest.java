package id.antrean.domain;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NikPolicyTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static String reason(String nik) {
        return NikPolicy.check(nik, TODAY).map(r -> (String) r.details().get("reason")).orElse("OK");
    }

    @Test
    void acceptsARealShapedNikForAManAndAWoman() {
        assertThat(reason("1602011505900001")).isEqualTo("OK");
        assertThat(reason("1602015505900001")).isEqualTo("OK"); // woman born 15 May 1990 (15 + 40)
        assertThat(NikPolicy.birthDate("1602015505900001", TODAY)).contains(LocalDate.of(1990, 5, 15));
    }

    @Test
    void refusesWrongLengthAndNonDigits() {
        assertThat(reason("160201150590001")).isEqualTo("LENGTH");
        assertThat(reason("16020115059000011")).isEqualTo("LENGTH");
        assertThat(reason("16020115059O0001")).isEqualTo("LENGTH");
        assertThat(reason(null)).isEqualTo("LENGTH");
    }

    @Test
    void refusesUnknownProvinceAndZeroRegion() {
        assertThat(reason("2002011505900001")).isEqualTo("PROVINCE");
        assertThat(reason("9902011505900001")).isEqualTo("PROVINCE");
        assertThat(reason("1600011505900001")).isEqualTo("REGION");
        assertThat(reason("1602001505900001")).isEqualTo("REGION");
    }

    @Test
    void refusesImpossibleBirthDates() {
        assertThat(reason("1602013202900001")).isEqualTo("BIRTH_DATE"); // 32 February
        assertThat(reason("1602017202900001")).isEqualTo("BIRTH_DATE"); // 72 - 40 = 32
        assertThat(reason("1602010013900001")).isEqualTo("BIRTH_DATE"); // day 00, month 13
        assertThat(reason("1602013002950001")).isEqualTo("BIRTH_DATE"); // 30 February
        assertThat(reason("1602012902010001")).isEqualTo("BIRTH_DATE"); // 29 Feb 2001 / 1901: no leap year
        assertThat(reason("1602012902000001")).isEqualTo("OK");         // 29 Feb 2000 was one
    }

    @Test
    void picksTheCenturyThatIsNotInTheFuture() {
        assertThat(NikPolicy.birthDate("1602010112260001", TODAY)).contains(LocalDate.of(1926, 12, 1).plusYears(100));
        assertThat(NikPolicy.birthDate("1602010212260001", TODAY)).contains(LocalDate.of(1926, 12, 2));
    }

    @Test
    void refusesSerialZero() {
        assertThat(reason("1602011505900000")).isEqualTo("SERIAL");
    }

    @Test
    void regionPolicyWarnsOrEnforces() {
        assertThat(NikPolicy.outsideRegion("1671011505900001", "1602")).isTrue();
        assertThat(NikPolicy.outsideRegion("1602011505900001", "1602")).isFalse();
        assertThat(NikPolicy.checkRegion("1671011505900001", "1602", NikRegionPolicyMode.WARN)).isEmpty();
        assertThat(NikPolicy.checkRegion("1671011505900001", "1602", NikRegionPolicyMode.ENFORCE))
                .get().extracting(Rejection::code).isEqualTo(RejectionCode.INVALID_NIK);
    }
}
