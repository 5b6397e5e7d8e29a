package io.credmark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering, stated so that it stays true. Dependencies point one way: the edges ({@code http}, {@code cli}) on
 * {@code app}'s wiring and the use cases; the use cases ({@code issuance}, {@code verification}, {@code creators},
 * {@code credential}, {@code access}, {@code usage}) on {@code store} and the core; the core ({@code c2pa},
 * {@code container}, {@code pixels}, {@code provenance}, {@code disclosure}, {@code pki}, {@code bytes},
 * {@code metadata}, {@code identity}) on nothing above it.
 *
 * <p>The edges reach the database only through {@code app} and the use cases: {@code app} is the one place that
 * opens the store and hands repositories to the use cases.
 */
class ArchitectureTest {

    private static final String[] CORE = {"io.credmark.c2pa..", "io.credmark.container..", "io.credmark.pixels..",
        "io.credmark.provenance..", "io.credmark.disclosure..", "io.credmark.pki..", "io.credmark.bytes..",
        "io.credmark.metadata..", "io.credmark.identity.."};
    private static final String[] USE_CASES = {"io.credmark.issuance..", "io.credmark.verification..",
        "io.credmark.creators..", "io.credmark.credential..", "io.credmark.access..", "io.credmark.usage.."};
    private static final String[] EDGES = {"io.credmark.http..", "io.credmark.cli.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.credmark");
    }

    @Test
    void coreNeverImportsUseCasesStoreAppOrEdges() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage(concat(USE_CASES, EDGES, "io.credmark.store..", "io.credmark.app.."))
                .check(classes);
    }

    @Test
    void useCasesNeverImportAppOrEdges() {
        noClasses().that().resideInAnyPackage(USE_CASES).should().dependOnClassesThat()
                .resideInAnyPackage(concat(EDGES, "io.credmark.app..")).check(classes);
    }

    @Test
    void storeImportsNoOtherLayer() {
        // bytes is the one core package beneath every layer: SHA-256, key files
        String[] coreAboveBytes = java.util.Arrays.stream(CORE).filter(p -> !p.equals("io.credmark.bytes.."))
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("io.credmark.store..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(coreAboveBytes, USE_CASES, EDGES, "io.credmark.app..")).check(classes);
    }

    @Test
    void edgesNeverImportStore() {
        noClasses().that().resideInAnyPackage(EDGES).should().dependOnClassesThat()
                .resideInAPackage("io.credmark.store..").check(classes);
    }

    @Test
    void httpNeverImportsCli() {
        noClasses().that().resideInAPackage("io.credmark.http..").should().dependOnClassesThat()
                .resideInAPackage("io.credmark.cli..").check(classes);
    }

    /**
     * Each top-level package with its sub-packages is one part; parts depend on each other without a cycle. (Inside
     * a part a registry may name its implementations, as {@code container.AssetHandlers} does the PNG and JPEG
     * handlers that implement {@code container.AssetHandler}.)
     */
    @Test
    void noPackageCycles() {
        slices().matching("io.credmark.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Package patterns: each argument a pattern or an array of them. */
    private static String[] concat(Object... parts) {
        return java.util.Arrays.stream(parts)
                .flatMap(p -> p instanceof String[] a ? java.util.Arrays.stream(a) : java.util.stream.Stream.of((String) p))
                .toArray(String[]::new);
    }
}
