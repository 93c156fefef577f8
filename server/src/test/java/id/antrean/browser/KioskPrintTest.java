package id.antrean.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import id.antrean.support.Browsers;
import id.antrean.support.OfficeUnderTest;
import id.antrean.support.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static id.antrean.support.Api.nik;
import static id.antrean.support.Api.ticketRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, the printed slips: a ticket fits in at most 100 mm of an 80 mm roll and 110 mm of a
 * 58 mm roll (measured as Chromium prints it, to PDF), in one page, and its QR code still decodes
 * (ZXing) from a black-and-white raster at a thermal head's 203 dpi, with modules of at least
 * 3 dots (0.375 mm). WhatsApp-routed services print a slip with the number, a QR code of the
 * wa.me link and what to send. Slips are saved as target/screenshots/kiosk-slip-*.png.
 */
class KioskPrintTest {
    static final String PUBLIC_URL = "https://antrean.okikab.example";
    static final double DPI = 203;

    @RegisterExtension
    static final OfficeUnderTest office = OfficeUnderTest.at("2026-12-01T09:10").with("antrean.public.url", PUBLIC_URL);
    static Browsers browsers;
    ResidentAtKiosk kiosk;

    @BeforeAll
    static void start() {
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            List<String> errors = kiosk.pageErrors;
            kiosk.close();
            kiosk = null;
            assertThat(errors).as("script errors on the kiosk page").isEmpty();
        }
    }

    /** A kiosk whose screen rasters at 203 dpi, so a screenshot of the slip is what the head prints. */
    ResidentAtKiosk open(String paper) {
        kiosk = ResidentAtKiosk.open(browsers, office.port(), 1280, 800, "paper=" + paper, DPI / 96);
        return kiosk;
    }

    @Test
    void ticketSlipFits100mmOf80mmPaperAndItsQrScansAt203Dpi() throws Exception {
        assertSlip("80", 100, false);
    }

    @Test
    void ticketSlipFits110mmOf58mmPaperAndItsQrScansAt203Dpi() throws Exception {
        assertSlip("58", 110, false);
    }

    @Test
    void laterDaySlipsFitToo() throws Exception {
        TestData.execute(office.db(), "UPDATE office SET settings_rev = settings_rev + 1, settings = JSON_SET(settings, '$.dailyQuota.KTP_EL_RECORDING', 1)");
        assertThat(office.resident().post("/api/v1/offices/oki/tickets", ticketRequest(nik(1))).status()).isEqualTo(201);
        assertSlip("80", 100, true);
        kiosk.close();
        kiosk = null;
        assertSlip("58", 110, true);
    }

    private void assertSlip(String paper, double maxMm, boolean laterDay) throws Exception {
        ResidentAtKiosk k = open(paper);
        k.upToLastStep(nik(laterDay ? 40 + Integer.parseInt(paper) : Integer.parseInt(paper))).submit();
        if (laterDay) {
            k.on("quota").tap("book-offered");
        }
        k.on("ticket");
        assertThat(k.printsAfterPaint(1)).isEqualTo(1);
        String url = k.byId("ticket-qr").getAttribute("data-url");
        assertThat(url).startsWith(PUBLIC_URL + "/t/");
        double[] page = pdfPage(k.page);
        assertThat(page[0]).as("paper width, mm").isCloseTo(Double.parseDouble(paper), org.assertj.core.data.Offset.offset(0.5));
        assertThat(page[1]).as("slip length on " + paper + " mm paper, mm").isLessThanOrEqualTo(maxMm);
        assertThat(page[2]).as("pages").isEqualTo(1);
        String tag = paper + (laterDay ? "-later-day" : "");
        System.out.printf("slip %s: %.1f mm long%n", tag, page[1]);
        assertThat(decodeSlipQr(k, "kiosk-slip-" + tag)).isEqualTo(url);
    }

    @Test
    void whatsAppServicesPrintASlipWithTheNumberAQrCodeAndWhatToSend() throws Exception {
        for (String paper : new String[] {"80", "58"}) {
            ResidentAtKiosk k = open(paper);
            k.on("welcome").tap("start");
            k.on("service").tap("service-AKTA_KELAHIRAN");
            k.on("whatsapp");
            String link = k.byId("whatsapp-qr").getAttribute("data-url");
            String send = k.text("whatsapp-send");
            k.tap("whatsapp-print");
            k.printsAfterPaint(1);
            String slip = k.page.locator("#print-area").textContent();
            assertThat(slip).contains("0859-2794-1900").contains(send).contains("Akta kelahiran")
                    .contains("Kirim pesan WhatsApp ke");
            assertThat(link).startsWith("https://wa.me/6285927941900?text=");
            double[] page = pdfPage(k.page);
            assertThat(page[1]).as("WhatsApp slip on " + paper + " mm paper, mm").isLessThanOrEqualTo(Integer.parseInt(paper) == 80 ? 100 : 110);
            assertThat(decodeSlipQr(k, "kiosk-slip-whatsapp-" + paper)).isEqualTo(link);
            assertThat(TestData.count(office.db(), "SELECT COUNT(*) FROM ticket")).isZero();
            kiosk.close();
            kiosk = null;
        }
    }

    @Test
    void withAPublicAddressTheKioskApiGivesNoWarning() {
        assertThat(office.resident().get("/api/v1/offices/oki/kiosk").json().get("publicUrlWarning").isNull()).isTrue();
    }

    /** Prints as Chromium does (to PDF): {width mm, height mm, pages}. */
    static double[] pdfPage(Page page) {
        byte[] pdf = page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true).setPrintBackground(true));
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*]").matcher(text);
        assertThat(box.find()).as("a page size in the printed PDF").isTrue();
        long pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count();
        return new double[] {Double.parseDouble(box.group(1)) * 25.4 / 72, Double.parseDouble(box.group(2)) * 25.4 / 72, pages};
    }

    /**
     * The slip as the print media shows it, photographed at 203 dpi, made black and white like a
     * thermal head, and read by ZXing. Also checks the module size the slip declares.
     */
    static String decodeSlipQr(ResidentAtKiosk k, String screenshot) throws IOException {
        Page page = k.page;
        double moduleMm = Double.parseDouble(page.locator("#print-area .slip-qr").getAttribute("data-module-mm"));
        assertThat(moduleMm).as("QR module, mm (3 dots at 203 dpi = 0.375 mm)").isGreaterThanOrEqualTo(0.375);
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        try {
            java.nio.file.Files.createDirectories(Browsers.SCREENSHOTS);
            java.nio.file.Files.write(Browsers.SCREENSHOTS.resolve(screenshot + ".png"), page.locator("#print-area .slip").screenshot());
            // The QR code with its quiet zone, as the head prints it.
            byte[] png = page.locator("#print-area .slip-qr svg").screenshot();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int w = image.getWidth();
            int h = image.getHeight();
            double cssPx = ((Number) page.evaluate("() => document.querySelector('#print-area .slip-qr svg').getBoundingClientRect().width")).doubleValue();
            assertThat(w / (cssPx / 96)).as("raster dpi (the element box rounds to whole device pixels)").isCloseTo(DPI, org.assertj.core.data.Offset.offset(8.0));
            int[] pixels = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int lum = ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                    pixels[y * w + x] = lum < 128 ? 0xff000000 : 0xffffffff; // a thermal dot is on or off
                }
            }
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            } catch (com.google.zxing.NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                throw new AssertionError("the slip's QR code does not decode at 203 dpi: " + e, e);
            }
        } finally {
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
        }
    }
}
