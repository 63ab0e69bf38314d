package io.harmony4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every class with tests under src/test/java and src/it/java is run by some execution of pom.xml: surefire and
 * failsafe pick classes by file name (and tag), so a test class whose name fits none of their patterns compiles and
 * never runs. Read from the sources, not the compiled classes, because src/it/java is compiled only after this runs.
 * {@code @FuzzTest} methods are run by the fuzz execution, which finds them by their annotation.
 */
class EveryTestRunsTest {
    private static final List<Path> TEST_SOURCES = List.of(Path.of("src/test/java"), Path.of("src/it/java"));
    /** The annotations JUnit and jqwik run; Jazzer's are separate because the fuzz execution runs those. */
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(?:[\\w.]+\\.)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b(?!\\.)");
    private static final Pattern FUZZ_ANNOTATION = Pattern.compile("@(?:[\\w.]+\\.)?FuzzTest\\b(?!\\.)");
    private static final Pattern TYPE = Pattern.compile(
            "^[\\w ]*?\\b(abstract\\s+)?(?:class|interface|record)\\s+(\\w+)[^{]*?"
                    + "(?:\\bextends\\s+([\\w.]+))?(?:<[^{]*?>)?(?:\\s+implements\\s+([\\w.,<>\\s]+?))?\\s*\\{",
            Pattern.MULTILINE);
    private static final Pattern TAG = Pattern.compile("@(?:[\\w.]+\\.)?Tag\\(\\s*\"([^\"]+)\"\\s*\\)");
    /** Where neither the execution nor the plugin names any: the plugins' own defaults. */
    private static final Map<String, List<String>> DEFAULT_INCLUDES = Map.of(
            "maven-surefire-plugin", List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java"),
            "maven-failsafe-plugin", List.of("**/IT*.java", "**/*IT.java", "**/*ITCase.java"));
    private static final String FUZZ_RUNNER = "io.harmony4.FuzzTargets";

    /** One top-level type of a test source: what it extends, its tests, its tags. */
    record SourceType(String name, String path, boolean isAbstract, List<String> supertypes, boolean hasTests,
            boolean hasFuzzTests, Set<String> classTags, Set<String> allTags) {
    }

    /** What one surefire or failsafe execution runs: file patterns, or an explicit test list, and tags. */
    record Execution(String name, List<String> includes, List<String> excludes, List<String> tests,
            Set<String> groups, Set<String> excludedGroups) {
        boolean runs(SourceType type) {
            boolean byFile = tests.isEmpty()
                    ? matchesAny(includes, type.path()) && !matchesAny(excludes, type.path())
                    : tests.stream().map(test -> test.split("#")[0].replace('.', '/') + ".java")
                            .anyMatch(file -> type.path().equals(file) || type.path().endsWith("/" + file));
            boolean byTag = (groups.isEmpty() || groups.stream().anyMatch(type.allTags()::contains))
                    && type.classTags().stream().noneMatch(excludedGroups::contains);
            return byFile && byTag;
        }
    }

    @Test
    void everyClassWithTestsIsPickedUpByAnExecution() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        List<Execution> executions = executions(pom);
        Map<String, SourceType> types = new HashMap<>();
        for (Path root : TEST_SOURCES) {
            for (SourceType type : sourceTypes(root)) {
                types.put(type.name(), type);
            }
        }
        assertTrue(types.containsKey(getClass().getSimpleName()), "the scan found no test sources");

        List<String> neverRun = new ArrayList<>();
        for (SourceType type : types.values()) {
            if (type.isAbstract()) {
                // its tests run in its subclasses: it needs one that runs
                if (type.hasTests() && types.values().stream().noneMatch(sub -> !sub.isAbstract()
                        && inherits(sub, type.name(), types) && executions.stream().anyMatch(e -> e.runs(sub)))) {
                    neverRun.add(type.path() + " (abstract, and no subclass of it runs)");
                }
            } else if (hasTests(type, types) && executions.stream().noneMatch(e -> e.runs(type))) {
                neverRun.add(type.path());
            }
            if (type.hasFuzzTests() && !runsFuzzTargets(pom) && executions.stream().noneMatch(e -> e.runs(type))) {
                neverRun.add(type.path() + " (@FuzzTest, and no execution runs " + FUZZ_RUNNER + ")");
            }
        }
        neverRun.sort(null);
        assertEquals(List.of(), neverRun, "test classes that no execution of pom.xml runs (executions: "
                + executions.stream().map(Execution::name).toList() + "); rename them or add them to an execution");
    }

    private static boolean hasTests(SourceType type, Map<String, SourceType> types) {
        if (type.hasTests()) {
            return true;
        }
        return type.supertypes().stream().map(types::get).anyMatch(sup -> sup != null && hasTests(sup, types));
    }

    private static boolean inherits(SourceType type, String ancestor, Map<String, SourceType> types) {
        return type.supertypes().stream().anyMatch(sup -> sup.equals(ancestor)
                || (types.containsKey(sup) && inherits(types.get(sup), ancestor, types)));
    }

    private static List<SourceType> sourceTypes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<SourceType> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                String source = code(text, false);
                String withLiterals = code(text, true);
                String name = file.getFileName().toString().replace(".java", "");
                Matcher type = TYPE.matcher(source);
                boolean found = false;
                while (!found && type.find()) {
                    found = type.group(2).equals(name); // the top-level type, named like its file
                }
                if (!found) {
                    continue; // package-info, module-info
                }
                List<String> supertypes = new ArrayList<>();
                if (type.group(3) != null) {
                    supertypes.add(simpleName(type.group(3)));
                }
                if (type.group(4) != null) {
                    for (String implemented : type.group(4).replaceAll("<[^>]*>", "").split(",")) {
                        supertypes.add(simpleName(implemented.trim()));
                    }
                }
                types.add(new SourceType(name, root.relativize(file).toString().replace('\\', '/'),
                        type.group(1) != null || source.substring(type.start(), type.end()).contains("interface "),
                        supertypes, TEST_ANNOTATION.matcher(source).find(), FUZZ_ANNOTATION.matcher(source).find(),
                        tags(withLiterals, type.group(2)), tags(withLiterals, null)));
            }
        }
        return types;
    }

    /**
     * The source without its comments, and without the text of its literals unless {@code keepLiterals} (tags are
     * literals): neither may pass for an annotation, and "/*" in a literal starts no comment.
     */
    private static String code(String source, boolean keepLiterals) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) < 0 ? source.length() : source.indexOf("*/", i + 2) + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3) < 0 ? source.length() : source.indexOf("\"\"\"", i + 3) + 3;
                code.append(keepLiterals ? source.substring(i, end) : "\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                code.append(keepLiterals ? source.substring(i, end) : "" + c + c);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The tags in the source, or only those before the declaration of {@code type}: the class's own. */
    private static Set<String> tags(String source, String type) {
        Matcher declaration = TYPE.matcher(source);
        int end = source.length();
        while (type != null && declaration.find()) {
            if (declaration.group(2).equals(type)) {
                end = declaration.start();
                break;
            }
        }
        Set<String> tags = new HashSet<>();
        Matcher tag = TAG.matcher(source).region(0, end);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        return tags;
    }

    /** Every execution of surefire and failsafe in the build, with what it inherits from its plugin's settings. */
    private static List<Execution> executions(Document pom) {
        List<Execution> executions = new ArrayList<>();
        for (Element plugin : children(firstChild(pom.getDocumentElement(), "build"), "plugins", "plugin")) {
            String artifact = text(firstChild(plugin, "artifactId"));
            if (!DEFAULT_INCLUDES.containsKey(artifact)) {
                continue;
            }
            Element shared = firstChild(plugin, "configuration");
            List<Element> declared = children(plugin, "executions", "execution");
            boolean hasDefault = declared.stream().anyMatch(e -> idOf(e).equals("default-test"));
            List<Element> all = new ArrayList<>(declared);
            if (artifact.equals("maven-surefire-plugin") && !hasDefault) {
                all.add(null); // default-test: the plugin's settings alone
            }
            for (Element execution : all) {
                Element own = execution == null ? null : firstChild(execution, "configuration");
                List<String> includes = list(own, shared, "includes");
                executions.add(new Execution(
                        artifact + "@" + (execution == null ? "default-test" : idOf(execution)),
                        includes.isEmpty() ? DEFAULT_INCLUDES.get(artifact) : includes,
                        list(own, shared, "excludes"), commaList(value(own, shared, "test")),
                        new HashSet<>(commaList(value(own, shared, "groups"))),
                        new HashSet<>(commaList(value(own, shared, "excludedGroups")))));
            }
        }
        return executions;
    }

    /** The fuzz execution finds @FuzzTest methods by their annotation: it runs any there is. */
    private static boolean runsFuzzTargets(Document pom) {
        for (Element plugin : children(firstChild(pom.getDocumentElement(), "build"), "plugins", "plugin")) {
            for (Element execution : children(plugin, "executions", "execution")) {
                if (execution.getTextContent().contains(FUZZ_RUNNER)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String idOf(Element execution) {
        String id = text(firstChild(execution, "id"));
        return id.isEmpty() ? "default" : id;
    }

    private static boolean matchesAny(List<String> patterns, String path) {
        for (String pattern : patterns) {
            // Maven's "**/" also matches no folder at all
            for (String glob : List.of(pattern, pattern.replaceFirst("^\\*\\*/", ""))) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                if (matcher.matches(Path.of(path))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> list(Element own, Element shared, String name) {
        Element list = firstChild(own, name) != null ? firstChild(own, name) : firstChild(shared, name);
        List<String> values = new ArrayList<>();
        for (Element item : children(list)) {
            values.addAll(commaList(text(item)));
        }
        return values;
    }

    private static String value(Element own, Element shared, String name) {
        Element element = firstChild(own, name) != null ? firstChild(own, name) : firstChild(shared, name);
        return element == null ? "" : text(element);
    }

    private static List<String> commaList(String value) {
        return Stream.of(value.split(",")).map(String::trim).filter(s -> !s.isEmpty() && !s.equals("none")).toList();
    }

    private static List<Element> children(Element parent, String... path) {
        Element element = parent;
        for (int i = 0; i < path.length - 1 && element != null; i++) {
            element = firstChild(element, path[i]);
        }
        List<Element> found = new ArrayList<>();
        if (element != null) {
            for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element child && (path.length == 0 || child.getTagName().equals(path[path.length - 1]))) {
                    found.add(child);
                }
            }
        }
        return found;
    }

    private static Element firstChild(Element parent, String name) {
        List<Element> found = parent == null ? List.of() : children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent().trim();
    }
}
