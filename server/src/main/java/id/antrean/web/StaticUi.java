package id.antrean.web;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/** The pages, served from the kiosk-ui and display jars on the classpath (folder web/...). */
public final class StaticUi {
    private StaticUi() {
    }

    public static void register(HttpRouting.Builder routing) {
        for (String page : new String[] {"kiosk", "staff", "display", "ticket"}) {
            routing.register("/" + page, StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                    .location("web/" + page)
                    .welcome("index.html")
                    .build()));
        }
        routing.get("/", (req, res) -> {
            res.status(io.helidon.http.Status.FOUND_302);
            res.header(io.helidon.http.HeaderNames.LOCATION, "/kiosk/?office=oki");
            res.send();
        });
    }
}
