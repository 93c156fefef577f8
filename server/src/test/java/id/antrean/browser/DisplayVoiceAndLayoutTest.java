package id.antrean.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.ReducedMotion;
import id.antrean.support.Api;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting-room display speaks every call on any screen (whole-number Indonesian; the recorded
 * clips where there is no Indonesian voice, or by the office's choice; the office's own recordings
 * first), says when it cannot, shows the office's notice line, and cuts nothing off at 1920×1080
 * or 1366×768 with no text under 28 px.
 */
class DisplayVoiceAndLayoutTest {
    /** The office's own recordings: one clip ("tujuh") of the pack replaced. */
    static final Path OFFICE_VOICE = officeVoiceDir();
    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:00")
            .with("antrean.voice.dir", OFFICE_VOICE.toString());
    static final String NO_VOICES = "Object.defineProperty(speechSynthesis, 'getVoices', { value: () => [] });";
    static Browsers browsers;
    static Api admin;
    static String base;
    static int round;

    static Path officeVoiceDir() {
        try {
            Path dir = Files.createTempDirectory("antrean-voice");
            try (InputStream in = DisplayVoiceAndLayoutTest.class.getClassLoader().getResourceAsStream("web/voice/tujuh.ogg")) {
                Files.write(dir.resolve("tujuh.ogg"), in.readAllBytes());
            }
            dir.toFile().deleteOnExit();
            dir.resolve("tujuh.ogg").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        admin = office.admin();
        base = "http://127.0.0.1:" + office.port();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    private JsonNode issue() {
        Api.Response r = office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(700 + ++round)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private long call(String counter) {
        Api.Response r = admin.post("/api/v1/offices/oki/counters/" + counter + "/call-next", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asLong();
    }

    private void serve(long id) {
        admin.post("/api/v1/tickets/" + id + "/start", Map.of("ppe", Map.of("MASK", true, "GLOVES", true)));
        assertThat(admin.post("/api/v1/tickets/" + id + "/complete", null).status()).isEqualTo(200);
    }

    private static LocatorAssertions.IsVisibleOptions within(double ms) {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(ms);
    }

    @SuppressWarnings("unchecked")
    private static List<String> voiceLog(Page page) {
        return (List<String>) page.evaluate("() => [...window.antreanDisplay.voiceLog]");
    }

    @Test
    void numberWordsFromZeroTo9999AndTheCallPhraseHoldInTheBrowser() throws IOException {
        Page page = browsers.page(1280, 720);
        String test;
        try (InputStream in = getClass().getResourceAsStream("/js/terbilang.test.js")) {
            test = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        page.route("**/__test/terbilang.test.js", route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("text/javascript").setBody(test)));
        page.navigate(base + "/display/?office=oki&sound=off");
        page.locator("body[data-stream='open']").waitFor();
        JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(page.evaluate("async () => (await import('/__test/terbilang.test.js')).run()"));
        assertThat(result.get("checked").asInt()).isEqualTo(10000);
        assertThat(result.get("failures")).as("terbilang.test.js").isEmpty();
        page.context().close();
    }

    @Test
    void withoutAnIndonesianVoiceTheClipsSpeakEachCallInOrder() {
        Page page = browsers.page(1920, 1080);
        page.addInitScript(NO_VOICES);
        List<String> fetched = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(r -> {
            if (r.url().contains("/voice/")) {
                fetched.add(r.url().substring(r.url().lastIndexOf('/') + 1));
            }
        });
        page.navigate(base + "/display/?office=oki");
        page.locator("body[data-stream='open']").waitFor();
        page.locator("body[data-voice='clips']").waitFor();
        assertThat(page.getByTestId("voice-notice")).isHidden();

        issue();
        call("2");
        assertThat(page.locator("body")).hasAttribute("data-last-spoken", "Nomor antrean A satu, silakan menuju loket dua");
        List<String> a001 = List.of("nomor-antrean", "huruf-a", "satu", "silakan-menuju", "loket", "dua");
        page.waitForCondition(() -> voiceLog(page).size() >= a001.size(), new Page.WaitForConditionOptions().setTimeout(20_000));
        assertThat(voiceLog(page)).isEqualTo(a001);
        assertThat(fetched).containsAll(a001);

        // the words UI.md asks for, and the clips in the same order.
        Object said = page.evaluate("() => window.antreanDisplay.announcer.announce('A-017', 'Loket 2')");
        assertThat(said).isEqualTo("Nomor antrean A tujuh belas, silakan menuju loket dua");
        List<String> a017 = List.of("nomor-antrean", "huruf-a", "tujuh", "belas", "silakan-menuju", "loket", "dua");
        page.waitForCondition(() -> voiceLog(page).size() >= a001.size() + a017.size(),
                new Page.WaitForConditionOptions().setTimeout(20_000));
        assertThat(voiceLog(page).subList(a001.size(), a001.size() + a017.size())).isEqualTo(a017);
        assertThat(page.locator("body")).hasAttribute("data-last-clips", String.join(" ", a017));
        Browsers.screenshot(page, "display-voice-clips");
        page.context().close();
    }

    @Test
    void theOfficesOwnRecordingsAreServedBeforeTheBuiltInClips() {
        Api.Response own = office.resident().get("/voice/tujuh");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.headers().firstValue("X-Voice-Source")).hasValue("office");
        assertThat(own.headers().firstValue("Content-Type").orElse("")).startsWith("audio/ogg");
        Api.Response builtIn = office.resident().get("/voice/delapan");
        assertThat(builtIn.status()).isEqualTo(200);
        assertThat(builtIn.headers().firstValue("X-Voice-Source")).hasValue("built-in");
        // A recording dropped in while the server runs is served from the next request on.
        try {
            Files.copy(OFFICE_VOICE.resolve("tujuh.ogg"), OFFICE_VOICE.resolve("delapan.ogg"));
            OFFICE_VOICE.resolve("delapan.ogg").toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(office.resident().get("/voice/delapan").headers().firstValue("X-Voice-Source")).hasValue("office");
        assertThat(office.resident().get("/voice/tidak-ada").status()).isEqualTo(404);
        assertThat(office.resident().get("/voice/..%2Fsecret").status()).isEqualTo(404);
        assertThat(office.resident().get("/voice/Tujuh").status()).isEqualTo(404);
        // Every clip a call can need is in the built-in pack, and the pack is small.
        long bytes = 0;
        for (String clip : clipNames()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("web/voice/" + clip + ".ogg")) {
                assertThat(in).as(clip).isNotNull();
                bytes += in.readAllBytes().length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(office.resident().get("/voice/" + clip).status()).as(clip).isEqualTo(200);
        }
        assertThat(bytes).as("voice pack size").isLessThan(1_000_000);
    }

    static List<String> clipNames() {
        List<String> names = new ArrayList<>(List.of("nomor-antrean", "silakan-menuju", "loket", "nol", "satu", "dua", "tiga",
                "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas", "belas", "puluh", "seratus",
                "ratus", "seribu", "ribu"));
        for (char c = 'a'; c <= 'z'; c++) {
            names.add("huruf-" + c);
        }
        return names;
    }

    @Test
    void theOfficesChoiceOfClipsIsFollowedAndTheDisplaySaysWhenItCannotSpeak() {
        admin.changeSettings("display", Map.of("notice", "", "voice", "CLIPS"));
        Page page = browsers.page(1920, 1080);
        page.addInitScript(NO_VOICES);
        page.navigate(base + "/display/?office=oki");
        page.locator("body[data-voice='clips']").waitFor();
        assertThat(page.evaluate("() => window.antreanDisplay.announcer.voice")).isEqualTo("CLIPS");
        page.context().close();

        // Neither a voice nor the clips (the pack does not answer): a visible notice, in words.
        Page mute = browsers.page(1920, 1080);
        mute.addInitScript(NO_VOICES);
        mute.route("**/voice/**", Route::abort);
        mute.navigate(base + "/display/?office=oki");
        mute.locator("body[data-stream='open']").waitFor();
        assertThat(mute.getByTestId("voice-notice")).isVisible(within(10_000));
        assertThat(mute.getByTestId("voice-notice")).hasAttribute("data-reason", "none");
        assertThat(mute.getByTestId("voice-notice")).containsText("tidak dapat diucapkan");
        assertThat(mute.getByTestId("voice-notice")).containsText("cannot be spoken");
        Browsers.screenshot(mute, "display-cannot-speak");
        assertThat(KioskWhatsAppConsentTest.axe(mute)).as("axe on the display with the notice").isEmpty();
        mute.context().close();

        // The browser blocks sound until a tap (autoplay policy): said too, and a tap clears it.
        Page blocked = browsers.page(1920, 1080);
        blocked.addInitScript("""
                Object.defineProperty(AudioContext.prototype, 'state', { get() { return this.__unlocked ? 'running' : 'suspended'; } });
                AudioContext.prototype.resume = async function () { if (window.__tapped) this.__unlocked = true; };
                addEventListener('pointerdown', () => { window.__tapped = true; }, true);""");
        blocked.navigate(base + "/display/?office=oki");
        assertThat(blocked.getByTestId("voice-notice")).isVisible(within(10_000));
        assertThat(blocked.getByTestId("voice-notice")).hasAttribute("data-reason", "blocked");
        assertThat(blocked.getByTestId("sound-overlay")).isVisible();
        Browsers.screenshot(blocked, "display-sound-blocked");
        blocked.mouse().click(400, 400);
        assertThat(blocked.getByTestId("voice-notice")).isHidden();
        assertThat(blocked.getByTestId("sound-overlay")).isHidden();
        blocked.context().close();
    }

    /** A full room, calls at both counters and a long notice: what a busy morning puts on the TV. */
    private void busyMorning(String notice) {
        admin.changeSettings("roomCapacity", 20);
        for (int i = 0; i < 14; i++) {
            issue();
        }
        serve(call("1"));
        serve(call("2"));
        call("1");
        call("2");
        Api.Response r = admin.changeSettings("display", Map.of("notice", notice, "voice", "SPEECH"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static final String LONG_NOTICE = "Mulai Senin, 7 Desember 2026, pengambilan KTP-el yang sudah dicetak dilayani di loket 2 "
            + "pukul 13.00–15.00 WIB. Bawa bukti pesan WhatsApp dan KTP lama. Tetap pakai masker selama di kantor.";

    @Test
    void nothingIsCutOffAndNoTextIsUnder28PxAt1080pAnd768p() {
        List<String> problems = new ArrayList<>();
        for (int[] size : new int[][] {{1920, 1080}, {1366, 768}}) {
            Page page = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(size[0], size[1])
                    .setReducedMotion(ReducedMotion.REDUCE).setLocale("id-ID").setTimezoneId("Asia/Jakarta")).newPage();
            page.navigate(base + "/display/?office=oki&sound=off");
            page.locator("body[data-stream='open']").waitFor();
            if (size[0] == 1920) {
                busyMorning(LONG_NOTICE);
            }
            // Live: the notice arrives with the settings change, no reload.
            assertThat(page.getByTestId("notice")).hasAttribute("data-notice", LONG_NOTICE,
                    new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
            // Reduced motion: nothing scrolls; the notice is shown a line at a time, every word of it.
            assertThat(page.getByTestId("notice")).hasAttribute("data-mode", "pages");
            @SuppressWarnings("unchecked")
            List<String> pages = (List<String>) page.evaluate("() => window.antreanDisplay.notice.pages");
            assertThat(pages).hasSizeGreaterThan(1);
            assertThat(String.join(" ", pages)).isEqualTo(LONG_NOTICE);
            assertThat(page.getByTestId("notice-text")).hasText(pages.get(0));
            assertThat(page.getByTestId("admitted-list")).containsText("A-00");
            page.waitForTimeout(1200); // the reminder's fade-in and the clock's first tick
            String at = " at " + size[0] + "×" + size[1];
            layoutProblems(page).forEach(p -> problems.add(p + at));
            Browsers.screenshot(page, "display-busy-" + size[0] + "x" + size[1]);
            double vh = heroNumberVh(page);
            if (vh < 20.0) {
                problems.add("the call number is " + vh + " vh" + at);
            }
            assertThat(KioskWhatsAppConsentTest.axe(page)).as("axe on the display" + at).isEmpty();
            page.context().close();
        }
        assertThat(problems).as("text under 28 px, cut off or outside its panel; the call number under 20 vh").isEmpty();
    }

    @Test
    void aLongNoticeScrollsUnlessTheScreenAsksForReducedMotion() {
        busyMorning(LONG_NOTICE);
        Page page = browsers.page(1920, 1080);
        page.navigate(base + "/display/?office=oki&sound=off");
        assertThat(page.getByTestId("notice")).hasAttribute("data-mode", "scroll");
        assertThat(page.getByTestId("notice-text")).hasText(LONG_NOTICE);
        assertThat(page.evaluate("() => getComputedStyle(document.querySelector('.notice-text')).animationName")).isEqualTo("notice-pass");
        Browsers.screenshot(page, "display-notice-scrolling");
        // A short notice stands still; an empty one leaves no band.
        admin.changeSettings("display", Map.of("notice", "Kantor tutup Jumat siang.", "voice", "SPEECH"));
        assertThat(page.getByTestId("notice-text")).hasText("Kantor tutup Jumat siang.", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(page.getByTestId("notice")).hasAttribute("data-mode", "still");
        admin.changeSettings("display", Map.of("notice", "", "voice", "SPEECH"));
        assertThat(page.getByTestId("notice")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(10_000));
        page.context().close();
    }

    static double heroNumberVh(Page page) {
        return ((Number) page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('[data-testid=current-number]')).fontSize) / innerHeight * 100")).doubleValue();
    }

    /** Every visible element with text of its own: at least 28 px, not wider than its box, inside its panel and the screen. */
    @SuppressWarnings("unchecked")
    static List<String> layoutProblems(Page page) {
        return (List<String>) page.evaluate("""
                () => {
                  const problems = [];
                  const panels = '.top, .hero, .tile, .box, .stat, .reminder, .notice, .voice-notice';
                  const name = el => el.dataset.testid || (typeof el.className === 'string' && el.className) || el.tagName;
                  for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    const cs = getComputedStyle(el);
                    if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
                    if (el.closest('svg')) continue;
                    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
                    if (!text) continue;
                    const what = `${name(el)} "${text.slice(0, 30)}"`;
                    if (parseFloat(cs.fontSize) < 27.9) problems.push(`${what}: ${cs.fontSize}`);
                    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) problems.push(`${what}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
                    if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) problems.push(`${what}: off the screen`);
                    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                      const acs = getComputedStyle(a);
                      const clips = acs.overflowX !== 'visible' || acs.overflowY !== 'visible';
                      if (!clips && !a.matches(panels)) continue;
                      const ar = a.getBoundingClientRect();
                      if (r.left < ar.left - 1 || r.right > ar.right + 1 || r.top < ar.top - 1 || r.bottom > ar.bottom + 1) {
                        problems.push(`${what}: outside ${name(a)} (${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)} in ${Math.round(ar.left)},${Math.round(ar.top)},${Math.round(ar.right)},${Math.round(ar.bottom)})`);
                        break;
                      }
                    }
                  }
                  return problems;
                }""");
    }
}
