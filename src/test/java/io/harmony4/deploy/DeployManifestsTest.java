package io.harmony4.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in {@code deploy/} parsed with fabric8's Kubernetes and Knative models and held against the
 * application: its probe paths answered by the running service, its port, its environment variables bound to the
 * real configuration mapping, and the core path of the container images.
 */
@QuarkusTest
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path DOCKER = Path.of("src/main/docker");
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CONTAINER = "harmony4";

    /** The HARMONY4_* variables a manifest may set, with what each must become in the configuration mapping. */
    private static final Map<String, Function<Harmony4Config, String>> BINDINGS = Map.of(
            "HARMONY4_ENGINE", c -> c.engine().name().toLowerCase(Locale.ROOT),
            "HARMONY4_CORE_PATH", c -> c.core().path().orElse(null),
            "HARMONY4_CORE_LEVEL", c -> Integer.toString(c.core().level()),
            "HARMONY4_SPOOL_DIR", c -> c.spool().dir().orElse(null));

    @Test
    void everyManifestParsesIntoItsTypedModel() {
        List<Path> manifests = manifests();
        assertEquals(6, manifests.size(), () -> "manifests: " + manifests);
        for (Path manifest : manifests) {
            HasMetadata resource = load(manifest);
            assertFalse(resource instanceof GenericKubernetesResource,
                    manifest + ": " + resource.getKind() + " is not a kind the models know");
            assertEquals("harmony4", resource.getMetadata().getName(), manifest + ": name");
        }
    }

    @Test
    void kustomizationsListEveryManifestOfTheirFolder() throws IOException {
        Path base = DEPLOY.resolve("kubernetes/base");
        JsonNode kustomization = YAML.readTree(base.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present;
        try (Stream<Path> files = Files.list(base)) {
            present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed);

        Path overlay = DEPLOY.resolve("kubernetes/overlays/native");
        JsonNode native_ = YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
        assertEquals("../../base", native_.get("resources").get(0).asText());
        Path patchFile = overlay.resolve(native_.get("patches").get(0).get("path").asText());
        Deployment patch = assertInstanceOf(Deployment.class, load(patchFile));
        // a strategic merge patch: it must name the base's Deployment and container to change them
        assertEquals(deployment().getMetadata().getName(), patch.getMetadata().getName());
        Container patched = patch.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(CONTAINER, patched.getName());
        assertTrue(patched.getImage().endsWith(":native"), patched.getImage());
    }

    @Test
    void probesPointAtHealthEndpointsThatAnswerUp() {
        List<Probe> probes = new ArrayList<>();
        Container deployment = container(deployment().getSpec().getTemplate().getSpec().getContainers());
        probes.add(deployment.getStartupProbe());
        probes.add(deployment.getLivenessProbe());
        probes.add(deployment.getReadinessProbe());
        Container knative = container(knative().getSpec().getTemplate().getSpec().getContainers());
        probes.add(knative.getLivenessProbe());
        probes.add(knative.getReadinessProbe());
        for (Probe probe : probes) {
            assertNotNull(probe);
            String path = probe.getHttpGet().getPath();
            given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
        }
        assertEquals("/q/health/started", deployment.getStartupProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", deployment.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", deployment.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", knative.getReadinessProbe().getHttpGet().getPath());
    }

    @Test
    void portsAreTheApplicationsHttpPort() {
        int port = applicationPort();
        Container deployment = container(deployment().getSpec().getTemplate().getSpec().getContainers());
        ContainerPort http = deployment.getPorts().getFirst();
        assertEquals(port, http.getContainerPort());
        for (Probe probe : List.of(deployment.getStartupProbe(), deployment.getLivenessProbe(),
                deployment.getReadinessProbe())) {
            assertEquals(http.getName(), probe.getHttpGet().getPort().getStrVal());
        }
        Service service = assertInstanceOf(Service.class, load(DEPLOY.resolve("kubernetes/base/service.yaml")));
        assertEquals(http.getName(), service.getSpec().getPorts().getFirst().getTargetPort().getStrVal());
        assertEquals(podLabels(), service.getSpec().getSelector());

        // Knative routes to the one declared port; its probes name it explicitly
        Container knative = container(knative().getSpec().getTemplate().getSpec().getContainers());
        assertEquals(1, knative.getPorts().size());
        assertEquals(port, knative.getPorts().getFirst().getContainerPort());
        assertEquals(port, knative.getReadinessProbe().getHttpGet().getPort().getIntVal());
        assertEquals(port, knative.getLivenessProbe().getHttpGet().getPort().getIntVal());
    }

    @Test
    void environmentVariablesBindToTheConfiguration() {
        for (Container container : List.of(
                container(deployment().getSpec().getTemplate().getSpec().getContainers()),
                container(knative().getSpec().getTemplate().getSpec().getContainers()))) {
            Map<String, String> env = container.getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
            Harmony4Config mapped = TestConfig.mapping(Map.of(), env);
            for (Map.Entry<String, String> variable : env.entrySet()) {
                Function<Harmony4Config, String> binding = BINDINGS.get(variable.getKey());
                assertNotNull(binding, variable.getKey() + " configures nothing harmony4 reads");
                assertEquals(variable.getValue(), binding.apply(mapped), variable.getKey());
            }
            assertEquals(corePathInImage("Dockerfile.jvm"), env.get("HARMONY4_CORE_PATH"));
        }
        assertEquals(corePathInImage("Dockerfile.jvm"), corePathInImage("Dockerfile.native-micro"));
    }

    @Test
    void podsRunAsTheImagesNonRootUserWithAReadOnlyRoot() {
        int imageUser = imageUser("Dockerfile.jvm");
        assertEquals(imageUser, imageUser("Dockerfile.native-micro"));
        var deploymentPod = deployment().getSpec().getTemplate().getSpec();
        var knativePod = knative().getSpec().getTemplate().getSpec();
        for (var pod : List.of(new Pod(deploymentPod.getSecurityContext(), deploymentPod.getContainers(),
                        deploymentPod.getVolumes()),
                new Pod(knativePod.getSecurityContext(), knativePod.getContainers(), knativePod.getVolumes()))) {
            assertEquals(Boolean.TRUE, pod.security().getRunAsNonRoot());
            assertEquals(imageUser, pod.security().getRunAsUser().intValue());
            assertEquals("RuntimeDefault", pod.security().getSeccompProfile().getType());
            Container container = container(pod.containers());
            var security = container.getSecurityContext();
            assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
            assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
            // spool files need a writable /tmp: an emptyDir, as the root is read-only
            String tmpVolume = container.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow().getName();
            Volume volume = pod.volumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst()
                    .orElseThrow();
            assertNotNull(volume.getEmptyDir(), "/tmp must be an emptyDir");
            var resources = container.getResources();
            for (String kind : List.of("cpu", "memory")) {
                assertNotNull(resources.getRequests().get(kind), "request " + kind);
                assertNotNull(resources.getLimits().get(kind), "limit " + kind);
            }
        }
    }

    @Test
    void autoscalerAndDisruptionBudgetTargetTheDeployment() {
        Deployment deployment = deployment();
        var hpa = assertInstanceOf(HorizontalPodAutoscaler.class,
                load(DEPLOY.resolve("kubernetes/base/horizontal-pod-autoscaler.yaml")));
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "at least two replicas, so one can be disrupted");
        var pdb = assertInstanceOf(PodDisruptionBudget.class,
                load(DEPLOY.resolve("kubernetes/base/pod-disruption-budget.yaml")));
        assertEquals(podLabels(), pdb.getSpec().getSelector().getMatchLabels());
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), podLabels());
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() < hpa.getSpec().getMinReplicas());
    }

    @Test
    void knativeServiceScalesToZeroWithABoundedConcurrency() {
        var knative = knative();
        Map<String, String> annotations = knative.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));
        long concurrency = knative.getSpec().getTemplate().getSpec().getContainerConcurrency();
        assertTrue(concurrency > 0, "containerConcurrency must bound the requests in flight per pod");
        assertTrue(Long.parseLong(annotations.get("autoscaling.knative.dev/target")) <= concurrency,
                "the autoscaler's target must not exceed the hard limit");
    }

    private record Pod(PodSecurityContext security, List<Container> containers, List<Volume> volumes) {}

    /** The port the packaged application listens on: application.properties in the prod profile. */
    private static int applicationPort() {
        try {
            URL properties = DeployManifestsTest.class.getClassLoader().getResource("application.properties");
            return new SmallRyeConfigBuilder().withProfile("prod")
                    .withSources(new PropertiesConfigSource(properties)).build()
                    .getOptionalValue("quarkus.http.port", Integer.class)
                    .orElse(8080); // Quarkus's default
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> podLabels() {
        return deployment().getSpec().getTemplate().getMetadata().getLabels();
    }

    private static Deployment deployment() {
        return assertInstanceOf(Deployment.class, load(DEPLOY.resolve("kubernetes/base/deployment.yaml")));
    }

    private static io.fabric8.knative.serving.v1.Service knative() {
        return assertInstanceOf(io.fabric8.knative.serving.v1.Service.class,
                load(DEPLOY.resolve("knative/service.yaml")));
    }

    private static Container container(List<Container> containers) {
        return containers.stream().filter(c -> c.getName().equals(CONTAINER)).findFirst().orElseThrow();
    }

    private static HasMetadata load(Path manifest) {
        try (InputStream in = Files.newInputStream(manifest)) {
            return KUBERNETES.unmarshal(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> manifests() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String corePathInImage(String dockerfile) {
        String text = read(DOCKER.resolve(dockerfile));
        String env = match(text, "HARMONY4_CORE_PATH=(\\S+)");
        assertEquals(env, match(text, "COPY [^\\n]*target/native/libh4core\\.so (\\S+)"),
                dockerfile + " installs the core where HARMONY4_CORE_PATH does not point");
        return env;
    }

    private static int imageUser(String dockerfile) {
        return Integer.parseInt(match(read(DOCKER.resolve(dockerfile)), "(?m)^USER (\\d+)"));
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
