package id.antrean.browser;

import id.antrean.Antrean;
import id.antrean.support.Browsers;
import id.antrean.support.MutableClock;
import id.antrean.support.TestDatabase;
import id.antrean.support.TestServer;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page is served from its module's jar and loads in a real browser without script errors. */
@ExtendWith(TestDatabase.class)
class StaticPagesTest {
    static Antrean node;
    static Browsers browsers;

    @BeforeAll
    static void start(TestDatabase.Db db) {
        node = TestServer.start(db, MutableClock.atWib("2026-12-01T09:00"));
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    @Test
    void unknownAddressesAreNotFoundNotServerErrors() {
        var api = new id.antrean.support.Api(node.port());
        assertThat(api.get("/favicon.ico").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/nothing-here").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/nothing-here").error()).isEqualTo("NOT_FOUND");
    }

    @Test
    void kioskStaffAndDisplayPagesLoad() {
        for (String path : new String[] {"/kiosk/?office=oki", "/staff/", "/display/?office=oki&sound=off"}) {
            Page page = browsers.page(1280, 800);
            java.util.List<String> errors = new java.util.ArrayList<>();
            page.onPageError(errors::add);
            var response = page.navigate("http://127.0.0.1:" + node.port() + path);
            assertThat(response.status()).as(path).isEqualTo(200);
            page.waitForLoadState();
            assertThat(page.title()).as(path).contains("Antrean");
            assertThat(errors).as(path).isEmpty();
            page.context().close();
        }
    }
}
