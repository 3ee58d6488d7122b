package dev.nn.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.syntax.GivenSlices;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency arrows of the design: nn-api <- nn-core <- nn-plugins <- nn-runner, and
 * nn-api <- nn-core <- nn-testkit, which only tests use; and, inside each module, package arrows
 * that never come back (a package and its subpackages form one slice).
 */
class ArchitectureTest {
    private static final JavaClasses NN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.nn");

    @Test
    void apiDependsOnNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage("dev.nn.api..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.nn.api..", "java..")
                .check(NN);
    }

    @Test
    void coreNeverNamesPluginsOrTheRunner() {
        noClasses()
                .that()
                .resideInAPackage("dev.nn.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.nn", "dev.nn.plugins..", "dev.nn.runner..")
                .check(NN);
    }

    @Test
    void theOneImportFacadeIsPartOfThePlugins() {
        // dev.nn.Nn ships in nn-plugins: it may name the API, core and the built-ins, never the runner or test kit.
        noClasses()
                .that()
                .resideInAPackage("dev.nn")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.nn.runner..", "dev.nn.testkit..")
                .check(NN);
    }

    @Test
    void theOnnxExporterNamesNoPluginAndNoRunner() {
        // Layers describe themselves (dev.nn.api.OnnxExportable): the exporter goes through the SPI as a
        // third-party plugin's layer would, and never names a built-in class.
        noClasses()
                .that()
                .resideInAPackage("dev.nn.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.nn", "dev.nn.plugins..", "dev.nn.runner..", "dev.nn.testkit..")
                .check(NN);
    }

    @Test
    void corePackagesHaveNoCycles() {
        packagesOf("dev.nn.core").should().beFreeOfCycles().check(NN);
    }

    @Test
    void runnerPackagesHaveNoCycles() {
        packagesOf("dev.nn.runner").should().beFreeOfCycles().check(NN);
    }

    @Test
    void pluginPackagesHaveNoCycles() {
        packagesOf("dev.nn.plugins").should().beFreeOfCycles().check(NN);
    }

    /**
     * One slice per package directly under {@code root}, its subpackages included, and one for
     * {@code root} itself: {@code slices().matching(root + ".(*)..")} leaves the root package out,
     * and {@code dev.nn.core} (Network) is where a cycle would most likely start.
     */
    private static GivenSlices packagesOf(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of(root);
                }
                if (!name.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = name.substring(root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        });
    }

    /**
     * The built-ins take the path an outside plugin takes: nn-api and nn-core's public packages,
     * never its internal ones (the engine's kernels, the batch gatherer, the YAML reader). The
     * facade {@code dev.nn.Nn} and the test kit are held to the same.
     */
    @Test
    void pluginsTheFacadeAndTheTestKitUseNoInternalPackage() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.nn.plugins..", "dev.nn", "dev.nn.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.nn.core.internal..")
                .check(NN);
    }

    @Test
    void pluginsDoNotReachIntoTheRunner() {
        noClasses()
                .that()
                .resideInAPackage("dev.nn.plugins..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.nn.runner..")
                .check(NN);
    }

    @Test
    void theTestKitNeedsNothingButTheApiAndCore() {
        // A plugin's tests have nn-api, nn-core and nn-testkit; nn-plugins test-depends on nn-testkit.
        // (ArchUnit fails a rule that matches no class, so this also proves the test kit is on the class path.)
        noClasses()
                .that()
                .resideInAPackage("dev.nn.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.nn.plugins..", "dev.nn.runner..")
                .check(NN);
    }

    @Test
    void noProductCodeUsesTheTestKit() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.nn", "dev.nn.api..", "dev.nn.core..", "dev.nn.plugins..", "dev.nn.runner..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.nn.testkit..")
                .check(NN);
    }

    @Test
    void librariesShipNoLoggingBackend() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.nn.api..", "dev.nn.core..", "dev.nn.plugins..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ch.qos.logback..")
                .check(NN);
    }

    @Test
    void nothingIsReadWithJavaSerialization() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        java.io.ObjectInputStream.class, java.io.ObjectOutputStream.class, java.io.Externalizable.class)
                .because(
                        "model files, configs and data are read as data; a Java object stream can run any class it names")
                .check(NN);
    }

    @Test
    void yamlIsNeverConstructedIntoJavaClasses() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(org.yaml.snakeyaml.constructor.Constructor.class)
                .because("only SafeConstructor (plain maps, lists and scalars) may turn YAML into objects")
                .check(NN);
    }

    @Test
    void classesAreInstantiatedOnlyAsRegisteredProviders() {
        // A class loader asking its delegate for a class is class loading itself (the plugin jars'
        // view of nn-api), not a name from a file turned into an object.
        noClasses()
                .that()
                .areNotAssignableTo(ClassLoader.class)
                .should()
                .callMethod(Class.class, "forName", String.class)
                .orShould()
                .callMethod(Class.class, "forName", String.class, boolean.class, ClassLoader.class)
                .orShould()
                .callMethod(ClassLoader.class, "loadClass", String.class)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.lang.reflect..")
                .because("a name in a config or model file becomes a component only through the registry, which"
                        + " knows nothing but the providers ServiceLoader lists")
                .check(NN);
    }
}
