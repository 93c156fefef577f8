package id.antrean.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the server as the code must keep them: {@code domain} (the office's rules) knows no
 * framework, no SQL and no JSON; {@code app} (use cases) knows no HTTP; {@code storage} (all SQL) knows
 * neither the use cases nor HTTP; {@code web} is reached only from the wiring in {@code id.antrean}.
 */
class LayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importServer() {
        // The compiled server only: scanning the whole class path (a 200 MB browser driver jar) takes a minute.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    @Test
    void layersAreOnlyReachedFromAbove() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Wiring").definedBy("id.antrean")
                .layer("Web").definedBy("id.antrean.web..")
                .layer("App").definedBy("id.antrean.app..")
                .layer("Storage").definedBy("id.antrean.storage..")
                .layer("Domain").definedBy("id.antrean.domain..")
                .whereLayer("Web").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("App").mayOnlyBeAccessedByLayers("Web", "Wiring")
                .whereLayer("Storage").mayOnlyBeAccessedByLayers("App", "Web", "Wiring")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("App", "Storage", "Web", "Wiring")
                .check(classes);
    }

    @Test
    void theServerIsThere() {
        assertThat(classes.containPackage("id.antrean.domain")).isTrue();
        assertThat(classes.containPackage("id.antrean.web")).isTrue();
    }

    @Test
    void theDomainUsesNothingButTheJavaPlatform() {
        noClasses().that().resideInAPackage("id.antrean.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("id.antrean.domain..", "java..")
                .because("the office's rules must stay testable without a server, a database or a JSON library")
                .check(classes);
    }

    @Test
    void theDomainUsesNoJdbc() {
        noClasses().that().resideInAPackage("id.antrean.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
                .check(classes);
    }

    /**
     * Use cases hold a transaction (Helidon DB Client's {@code DbTransaction}/{@code DbExecute}) only to
     * hand it to the stores, so that several stores write in one transaction; the SQL stays in storage.
     */
    @Test
    void useCasesKnowNoHttpAndNoJdbc() {
        noClasses().that().resideInAPackage("id.antrean.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.http..",
                        "java.sql..", "javax.sql..")
                .because("use cases speak the domain's words; HTTP lives in web, SQL in storage")
                .check(classes);
    }

    @Test
    void storageKnowsNoHttp() {
        noClasses().that().resideInAPackage("id.antrean.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.http..")
                .check(classes);
    }
}
