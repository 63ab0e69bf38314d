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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every test method under src/test/java and src/it/java is run by some execution of pom.xml: surefire and failsafe
 * pick classes by file name and methods by tag, so a test class whose name fits none of their patterns, or a method
 * whose tags every execution that picks its class filters out, compiles and never runs. An execution sees only the
 * classes compiled before its phase: src/it/java is compiled in the phase where the build adds it as a test source
 * (pre-integration-test), after surefire's default run. Read from the sources, not the compiled classes, because
 * src/it/java is compiled only after this runs. {@code @FuzzTest} methods are run by the fuzz execution, which finds
 * them by their annotation.
 */
class EveryTestRunsTest {
    /** Maven's standard test sources, compiled in test-compile; src/it/java is added by the build (see pom.xml). */
    private static final String STANDARD_TEST_SOURCES = "src/test/java";
    private static final List<String> TEST_SOURCES = List.of(STANDARD_TEST_SOURCES, "src/it/java");
    /** Maven's default lifecycle, in order: an execution sees the classes compiled in an earlier phase. */
    private static final List<String> LIFECYCLE = List.of("validate", "initialize", "generate-sources",
            "process-sources", "generate-resources", "process-resources", "compile", "process-classes",
            "generate-test-sources", "process-test-sources", "generate-test-resources", "process-test-resources",
            "test-compile", "process-test-classes", "test", "prepare-package", "package", "pre-integration-test",
            "integration-test", "post-integration-test", "verify", "install", "deploy");
    /** The annotations JUnit and jqwik run; Jazzer's are separate because the fuzz execution runs those. */
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(?:[\\w.]+\\.)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b(?!\\.)");
    private static final Pattern FUZZ_ANNOTATION = Pattern.compile("@(?:[\\w.]+\\.)?FuzzTest\\b(?!\\.)");
    private static final Pattern TYPE = Pattern.compile(
            "^[\\w ]*?\\b(abstract\\s+)?(?:class|interface|record)\\s+(\\w+)[^{]*?"
                    + "(?:\\bextends\\s+([\\w.]+))?(?:<[^{]*?>)?(?:\\s+implements\\s+([\\w.,<>\\s]+?))?\\s*\\{",
            Pattern.MULTILINE);
    private static final Pattern LAST_NAME = Pattern.compile("(\\w+)\\s*$");
    private static final Pattern TAG = Pattern.compile("@(?:[\\w.]+\\.)?Tag\\(\\s*\"([^\"]+)\"\\s*\\)");
    /** Where neither the execution nor the plugin names any: the plugins' own defaults. */
    private static final Map<String, List<String>> DEFAULT_INCLUDES = Map.of(
            "maven-surefire-plugin", List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java"),
            "maven-failsafe-plugin", List.of("**/IT*.java", "**/*IT.java", "**/*ITCase.java"));
    private static final String FUZZ_RUNNER = "io.harmony4.FuzzTargets";
    /** The default phase of the goals that run tests, where an execution names none. */
    private static final Map<String, String> DEFAULT_PHASE = Map.of(
            "maven-surefire-plugin", "test", "maven-failsafe-plugin", "integration-test");

    /** One test method and the tags on it (its class's come on top). */
    record TestMethod(String name, Set<String> tags) {
    }

    /**
     * One top-level type of a test source: the phase its source root is compiled in, what it extends, its tests and
     * its own tags.
     */
    record SourceType(String name, String path, String compiledIn, boolean isAbstract, List<String> supertypes,
            List<TestMethod> tests, boolean hasFuzzTests, Set<String> classTags) {
    }

    /** What one surefire or failsafe execution runs: its phase, file patterns or an explicit test list, and tags. */
    record Execution(String name, String phase, List<String> includes, List<String> excludes, List<String> tests,
            Set<String> groups, Set<String> excludedGroups) {
        /** Whether it picks the class: compiled before it runs, and named by its patterns or test list. */
        boolean picks(SourceType type) {
            if (type.compiledIn() == null || LIFECYCLE.indexOf(phase) <= LIFECYCLE.indexOf(type.compiledIn())) {
                return false;
            }
            return tests.isEmpty()
                    ? matchesAny(includes, type.path()) && !matchesAny(excludes, type.path())
                    : tests.stream().map(test -> test.split("#")[0].replace('.', '/') + ".java")
                            .anyMatch(file -> type.path().equals(file) || type.path().endsWith("/" + file));
        }

        /** Whether it runs a test of the class that carries these tags (the method's and its class's). */
        boolean runs(SourceType type, Set<String> tags) {
            return picks(type) && (groups.isEmpty() || groups.stream().anyMatch(tags::contains))
                    && tags.stream().noneMatch(excludedGroups::contains);
        }
    }

    @Test
    void everyClassWithTestsIsPickedUpByAnExecution() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        List<Execution> executions = executions(pom);
        Map<String, SourceType> types = new HashMap<>();
        List<String> unrecognised = new ArrayList<>();
        for (String root : TEST_SOURCES) {
            for (SourceType type : sourceTypes(Path.of(root), compiledIn(pom, root), unrecognised)) {
                types.put(type.name(), type);
            }
        }
        assertTrue(types.containsKey(getClass().getSimpleName()), "the scan found no test sources");
        assertEquals(List.of(), unrecognised, "test sources whose class declaration this scan does not recognise, so"
                + " it cannot tell whether they run: declare the class on a line of its own, after its annotations");

        List<String> neverRun = new ArrayList<>();
        for (SourceType type : types.values()) {
            if (type.isAbstract()) {
                // its tests run in its subclasses (checked with theirs below): it needs one that is picked
                if (hasTests(type, types) && types.values().stream().noneMatch(sub -> !sub.isAbstract()
                        && inherits(sub, type.name(), types) && executions.stream().anyMatch(e -> e.picks(sub)))) {
                    neverRun.add(type.path() + " (abstract, and no subclass of it runs)");
                }
            } else if (hasTests(type, types) && executions.stream().noneMatch(e -> e.picks(type))) {
                neverRun.add(type.path());
            } else {
                Set<String> classTags = classTags(type, types);
                for (TestMethod test : testsOf(type, types)) {
                    Set<String> tags = new TreeSet<>(classTags);
                    tags.addAll(test.tags());
                    if (executions.stream().noneMatch(e -> e.runs(type, tags))) {
                        neverRun.add(type.path() + "#" + test.name() + " (tags " + tags + ")");
                    }
                }
            }
            if (type.hasFuzzTests() && !runsFuzzTargets(pom) && executions.stream().noneMatch(e -> e.picks(type))) {
                neverRun.add(type.path() + " (@FuzzTest, and no execution runs " + FUZZ_RUNNER + ")");
            }
        }
        neverRun.sort(null);
        assertEquals(List.of(), neverRun, "test classes and methods that no execution of pom.xml runs (executions: "
                + executions.stream().map(Execution::name).toList() + "); rename them or add them to an execution");
    }

    private static boolean hasTests(SourceType type, Map<String, SourceType> types) {
        return !testsOf(type, types).isEmpty();
    }

    /** Its own test methods and those it inherits from the test sources. */
    private static List<TestMethod> testsOf(SourceType type, Map<String, SourceType> types) {
        List<TestMethod> tests = new ArrayList<>(type.tests());
        for (String sup : type.supertypes()) {
            if (types.containsKey(sup)) {
                tests.addAll(testsOf(types.get(sup), types));
            }
        }
        return tests;
    }

    /** Its own tags and its supertypes' ({@code @Tag} is inherited). */
    private static Set<String> classTags(SourceType type, Map<String, SourceType> types) {
        Set<String> tags = new TreeSet<>(type.classTags());
        for (String sup : type.supertypes()) {
            if (types.containsKey(sup)) {
                tags.addAll(classTags(types.get(sup), types));
            }
        }
        return tags;
    }

    private static boolean inherits(SourceType type, String ancestor, Map<String, SourceType> types) {
        return type.supertypes().stream().anyMatch(sup -> sup.equals(ancestor)
                || (types.containsKey(sup) && inherits(types.get(sup), ancestor, types)));
    }

    /**
     * Where a root's classes come from: Maven compiles its standard test sources in test-compile; another root is
     * compiled in the phase of the execution that adds it as a test source, or never (null).
     */
    private static String compiledIn(Document pom, String root) {
        if (root.equals(STANDARD_TEST_SOURCES)) {
            return "test-compile";
        }
        for (Element plugin : children(firstChild(pom.getDocumentElement(), "build"), "plugins", "plugin")) {
            for (Element execution : children(plugin, "executions", "execution")) {
                boolean addsRoot = children(firstChild(execution, "configuration"), "sources", "source").stream()
                        .anyMatch(source -> text(source).equals(root));
                if (addsRoot && execution.getTextContent().contains("add-test-source")) {
                    return text(firstChild(execution, "phase"));
                }
            }
        }
        return null;
    }

    /**
     * The top-level types of a root's sources; a file with tests whose declaration is not recognised goes to
     * {@code unrecognised}, for this test cannot vouch for it.
     */
    private static List<SourceType> sourceTypes(Path root, String compiledIn, List<String> unrecognised)
            throws IOException {
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
                    if (TEST_ANNOTATION.matcher(source).find() || FUZZ_ANNOTATION.matcher(source).find()) {
                        unrecognised.add(file.toString());
                    }
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
                types.add(new SourceType(name, root.relativize(file).toString().replace('\\', '/'), compiledIn,
                        type.group(1) != null || source.substring(type.start(), type.end()).contains("interface "),
                        supertypes, testMethods(source, withLiterals), FUZZ_ANNOTATION.matcher(source).find(),
                        tags(withLiterals, type.group(2))));
            }
        }
        return types;
    }

    /**
     * Each test method with the tags among its annotations. {@code source} and {@code withLiterals} are the same
     * file, blanked as {@link #code}: an annotation run starts after the member before it (a ';', '{' or '}' outside
     * parentheses, which array values in annotations are inside) and ends at the method's body.
     */
    private static List<TestMethod> testMethods(String source, String withLiterals) {
        List<TestMethod> tests = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Matcher annotation = TEST_ANNOTATION.matcher(source);
        while (annotation.find()) {
            int start = annotation.start();
            for (int depth = 0; start > 0; start--) {
                char c = source.charAt(start - 1);
                depth += c == ')' ? 1 : c == '(' ? -1 : 0;
                if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
                    break;
                }
            }
            int end = annotation.end();
            int parameters = -1; // the last parenthesis opened at depth 0: the method's parameter list
            for (int depth = 0; end < source.length(); end++) {
                char c = source.charAt(end);
                if (depth == 0 && (c == '{' || c == ';')) {
                    break;
                }
                parameters = depth == 0 && c == '(' ? end : parameters;
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            if (!seen.add(start)) {
                continue; // a second test annotation on the same method
            }
            Matcher name = LAST_NAME.matcher(parameters < 0 ? "" : source.substring(start, parameters));
            Set<String> tags = new TreeSet<>();
            Matcher tag = TAG.matcher(withLiterals).region(start, end);
            while (tag.find()) {
                tags.add(tag.group(1));
            }
            tests.add(new TestMethod(name.find() ? name.group(1) : "?", tags));
        }
        return tests;
    }

    /**
     * The source without its comments, and without the text of its literals unless {@code keepLiterals} (tags are
     * literals): neither may pass for an annotation, and "/*" in a literal starts no comment. Both are blanked, not
     * cut, so that an offset means the same in every version of the file.
     */
    private static String code(String source, boolean keepLiterals) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
                code.append(blank(source.substring(i, end)));
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2) < 0 ? source.length() : source.indexOf("*/", i + 2) + 2;
                code.append(blank(source.substring(i, end)));
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3) < 0 ? source.length() : source.indexOf("\"\"\"", i + 3) + 3;
                code.append(keepLiterals ? source.substring(i, end)
                        : "\"" + blank(source.substring(i + 1, end - 1)) + "\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                code.append(keepLiterals || end - i < 2 ? source.substring(i, end)
                        : c + blank(source.substring(i + 1, end - 1)) + c);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    /** Spaces for the text, its line breaks kept. */
    private static String blank(String text) {
        return text.replaceAll("[^\\n]", " ");
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
                String phase = execution == null ? "" : text(firstChild(execution, "phase"));
                executions.add(new Execution(
                        artifact + "@" + (execution == null ? "default-test" : idOf(execution)),
                        phase.isEmpty() ? DEFAULT_PHASE.get(artifact) : phase,
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
