package id.antrean.web;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/** The pages, served from the kiosk-ui and display jars on the classpath (folder web/...). */
public final class StaticUi {
    private StaticUi() {
    }

    public static void register(HttpRouting.Builder routing) {
        for (String page : new String[] {"kiosk", "staff", "display", "ticket", "pickup"}) {
            routing.register("/" + page, StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                    .location("web/" + page)
                    .welcome("index.html")
                    .build()));
        }
        // The resident's page: one HTML file for every ticket token; the page reads the token from its URL.
        routing.get("/t/{token}", (req, res) -> {
            try (var in = StaticUi.class.getClassLoader().getResourceAsStream("web/ticket/index.html")) {
                if (in == null) {
                    res.status(io.helidon.http.Status.NOT_FOUND_404).send();
                    return;
                }
                res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
                res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-cache");
                res.send(in.readAllBytes());
            }
        });
        // The resident's pickup page (the link in the WhatsApp message), the same way.
        routing.get("/p/{token}", (req, res) -> {
            try (var in = StaticUi.class.getClassLoader().getResourceAsStream("web/pickup/index.html")) {
                if (in == null) {
                    res.status(io.helidon.http.Status.NOT_FOUND_404).send();
                    return;
                }
                res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
                res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-cache");
                res.send(in.readAllBytes());
            }
        });
        routing.get("/", (req, res) -> {
            res.status(io.helidon.http.Status.FOUND_302);
            res.header(io.helidon.http.HeaderNames.LOCATION, "/kiosk/?office=oki");
            res.send();
        });
    }
}
