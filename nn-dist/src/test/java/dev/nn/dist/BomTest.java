package dev.nn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** nn-bom is only useful if it names every artifact nn deploys, and nothing that is not one. */
class BomTest {

    private static final Path ROOT = Path.of(System.getProperty("nn.root", ".."));

    @Test
    void bomListsEveryDeployedJarModule() throws Exception {
        TreeSet<String> deployed = new TreeSet<>();
        for (String module : texts(child(pom(ROOT.resolve("pom.xml")), "modules"), "module")) {
            Element pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            String packaging = text(pom, "packaging", "jar");
            Element properties = child(pom, "properties");
            boolean deploySkipped = properties != null && "true".equals(text(properties, "maven.deploy.skip", "false"));
            if (packaging.equals("jar") && !deploySkipped) {
                deployed.add(text(pom, "artifactId", null));
            }
        }
        Element bom = pom(ROOT.resolve("nn-bom/pom.xml"));
        TreeSet<String> listed = new TreeSet<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            assertThat(text(dependency, "groupId", null)).isEqualTo("dev.nn");
            assertThat(text(dependency, "version", null)).isEqualTo("${project.version}");
            listed.add(text(dependency, "artifactId", null));
        }
        assertThat(deployed).contains("nn-api", "nn-core", "nn-plugins", "nn-runner", "nn-testkit");
        assertThat(listed).as("nn-bom's dependencyManagement").isEqualTo(deployed);
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(file.toFile())
                .getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream()
                .map(e -> e.getTextContent().trim())
                .toList();
    }

    private static String text(Element parent, String name, String otherwise) {
        Element element = child(parent, name);
        return element == null ? otherwise : element.getTextContent().trim();
    }
}
