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
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in {@code deploy/} parsed with fabric8's Kubernetes and Knative models and held against the
 * application: its probe paths answered by the running service, its port, its environment variables bound to the
 * real configuration mapping, the core path of the container images, and the dictionary volume every replica shares.
 */
@QuarkusTest
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path DOCKER = Path.of("src/main/docker");
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CONTAINER = "harmony4";
    private static final String DICTIONARIES_VOLUME = "dictionaries";
    private static final String DICTIONARIES_CONFIG_MAP = "harmony4-dictionaries";
    private static final String DICTIONARIES_ENV = "HARMONY4_DICTIONARIES_DIR";
    /** harmony4.dictionaries.read-only: true beside a read-only volume, so that the service refuses to store. */
    private static final String READ_ONLY_ENV = "HARMONY4_DICTIONARIES_READ_ONLY";
    /** The configuration key of the dictionary store's directory, which HARMONY4_DICTIONARIES_DIR must set. */
    private static final String DICTIONARIES_KEY = "harmony4.dictionaries.dir";
    private static final Path OVERLAYS = DEPLOY.resolve("kubernetes/overlays");

    /** The HARMONY4_* variables a manifest may set, with what each must become in the configuration mapping. */
    private static final Map<String, Function<Harmony4Config, String>> BINDINGS = Map.of(
            "HARMONY4_ENGINE", c -> c.engine().name().toLowerCase(Locale.ROOT),
            "HARMONY4_CORE_PATH", c -> c.core().path().orElse(null),
            "HARMONY4_CORE_LEVEL", c -> Integer.toString(c.core().level()),
            "HARMONY4_SPOOL_DIR", c -> c.spool().dir().orElse(null),
            READ_ONLY_ENV, c -> Boolean.toString(c.dictionaries().readOnly()));

    @Test
    void everyManifestParsesIntoItsTypedModel() {
        List<Path> manifests = manifests();
        assertEquals(10, manifests.size(), () -> "manifests: " + manifests);
        for (Path manifest : manifests) {
            HasMetadata resource = load(manifest);
            assertFalse(resource instanceof GenericKubernetesResource,
                    manifest + ": " + resource.getKind() + " is not a kind the models know");
            String expected = resource instanceof PersistentVolumeClaim ? DICTIONARIES_CONFIG_MAP : "harmony4";
            assertEquals(expected, resource.getMetadata().getName(), manifest + ": name");
        }
    }

    @Test
    void kustomizationsListEveryManifestOfTheirFolder() throws IOException {
        Path base = DEPLOY.resolve("kubernetes/base");
        JsonNode kustomization = YAML.readTree(base.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        assertEquals(yamlFilesBesideKustomization(base), listed);

        List<Path> overlays;
        try (Stream<Path> folders = Files.list(OVERLAYS)) {
            overlays = folders.sorted().toList();
        }
        assertEquals(List.of("dev", "dictionaries-claim", "native"),
                overlays.stream().map(p -> p.getFileName().toString()).toList());
        for (Path overlay : overlays) {
            JsonNode overlayKustomization = YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
            JsonNode resources = overlayKustomization.get("resources");
            assertEquals("../../base", resources.get(0).asText(), overlay + ": the base first");
            Set<String> overlayListed = new TreeSet<>();
            for (int i = 1; i < resources.size(); i++) {
                overlayListed.add(resources.get(i).asText());
            }
            for (JsonNode patch : overlayKustomization.get("patches")) {
                String path = patch.get("path").asText();
                overlayListed.add(path);
                Deployment deploymentPatch = assertInstanceOf(Deployment.class, load(overlay.resolve(path)));
                // a strategic merge patch: it must name the base's Deployment and containers to change them
                assertEquals(deployment().getMetadata().getName(), deploymentPatch.getMetadata().getName());
                for (Container patched : deploymentPatch.getSpec().getTemplate().getSpec().getContainers()) {
                    assertEquals(CONTAINER, patched.getName(), overlay + ": container");
                }
            }
            assertEquals(yamlFilesBesideKustomization(overlay), overlayListed, overlay + ": listed");
        }
        Container patched = overlayDeployment("native").getSpec().getTemplate().getSpec().getContainers().get(0);
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
            Map<String, String> env = new HashMap<>(container.getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue)));
            Harmony4Config mapped = TestConfig.mapping(Map.of(), env);
            // the dictionary directory's variable is the environment form of its key (SmallRye's rule, the one
            // Quarkus reads the environment with)
            String dictionaries = env.remove(DICTIONARIES_ENV);
            assertNotNull(dictionaries, DICTIONARIES_ENV);
            assertEquals(dictionaries, new EnvConfigSource(Map.of(DICTIONARIES_ENV, dictionaries), 300)
                    .getValue(DICTIONARIES_KEY));
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
    void dictionariesComeReadOnlyFromTheConfigMapWhereTheVariablePoints() {
        var deploymentPod = deployment().getSpec().getTemplate().getSpec();
        var knativePod = knative().getSpec().getTemplate().getSpec();
        for (var pod : List.of(new Pod(deploymentPod.getSecurityContext(), deploymentPod.getContainers(),
                        deploymentPod.getVolumes()),
                new Pod(knativePod.getSecurityContext(), knativePod.getContainers(), knativePod.getVolumes()))) {
            Container container = container(pod.containers());
            VolumeMount mount = dictionariesMount(container);
            assertEquals(variable(container, DICTIONARIES_ENV), mount.getMountPath());
            assertEquals(Boolean.TRUE, mount.getReadOnly(), "replicas must not write the shared dictionaries");
            assertEquals("true", variable(container, READ_ONLY_ENV), "and the service says so: POST and PUT are 409");
            assertEquals(null, mount.getSubPath(), "a subPath mount never sees the ConfigMap's updates");
            // Knative allows ConfigMap volumes without a feature flag, claims only behind one
            var configMap = dictionariesVolume(pod.volumes()).getConfigMap();
            assertNotNull(configMap, "the dictionaries volume must be the ConfigMap");
            assertEquals(DICTIONARIES_CONFIG_MAP, configMap.getName());
            assertTrue(configMap.getItems() == null || configMap.getItems().isEmpty(),
                    "every key of the ConfigMap is a dictionary file");
            // without the ConfigMap the pod still starts, with an empty directory and no dictionaries
            assertEquals(Boolean.TRUE, configMap.getOptional());
        }
    }

    @Test
    void theClaimOverlayMountsAReadOnlyManyClaimInsteadOfTheConfigMap() throws IOException {
        Path overlay = OVERLAYS.resolve("dictionaries-claim");
        PersistentVolumeClaim claim = overlayClaim(overlay);
        assertEquals(List.of("ReadOnlyMany"), claim.getSpec().getAccessModes());
        Volume volume = dictionariesVolume(overlayDeployment("dictionaries-claim").getSpec().getTemplate().getSpec()
                .getVolumes());
        assertEquals(claim.getMetadata().getName(), volume.getPersistentVolumeClaim().getClaimName());
        assertEquals(Boolean.TRUE, volume.getPersistentVolumeClaim().getReadOnly());
        assertRemovesTheConfigMapSource(overlay);
        // the mount stays the base's, read-only
        assertEquals(Boolean.TRUE, dictionariesMount(container(deployment().getSpec().getTemplate().getSpec()
                .getContainers())).getReadOnly());
    }

    @Test
    void theDevOverlayMountsASharedClaimWritable() throws IOException {
        Path overlay = OVERLAYS.resolve("dev");
        PersistentVolumeClaim claim = overlayClaim(overlay);
        assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes(), "shared by every replica");
        var pod = overlayDeployment("dev").getSpec().getTemplate().getSpec();
        Volume volume = dictionariesVolume(pod.getVolumes());
        assertEquals(claim.getMetadata().getName(), volume.getPersistentVolumeClaim().getClaimName());
        assertFalse(Boolean.TRUE.equals(volume.getPersistentVolumeClaim().getReadOnly()));
        assertRemovesTheConfigMapSource(overlay);
        // a strategic merge patch merges volumeMounts by mountPath: it must name the base's path to change it
        VolumeMount mount = dictionariesMount(container(pod.getContainers()));
        assertEquals(dictionariesMount(container(deployment().getSpec().getTemplate().getSpec().getContainers()))
                .getMountPath(), mount.getMountPath());
        assertEquals(Boolean.FALSE, mount.getReadOnly());
        assertEquals("false", variable(container(pod.getContainers()), READ_ONLY_ENV), "dev trains and stores");
        // the image's user (not root) must be able to write the claim's files
        assertNotNull(pod.getSecurityContext().getFsGroup(), "fsGroup makes the claim writable by the pod's user");
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

    /**
     * Streams (docs/deployment.md, "Streams on Knative"): a WebSocket is one request for its whole life, so the
     * revision's timeouts bound a stream; the service's own idle close (with a reason) must come before the
     * queue-proxy's silent one, and its pings must come before either cuts a stream that waits for its client.
     */
    @Test
    void knativeTimeoutsLeaveStreamsToTheService() {
        var spec = knative().getSpec().getTemplate().getSpec();
        long timeout = spec.getTimeoutSeconds();
        assertTrue(timeout <= 600, "no more than the default max-revision-timeout-seconds, or the revision is refused");
        assertTrue(spec.getResponseStartTimeoutSeconds() <= timeout, "the answer starts within the request's time");
        long idle = spec.getIdleTimeoutSeconds();
        Harmony4Config config = TestConfig.mapping(Map.of(), Map.of());
        assertTrue(idle > config.streams().idleTimeout().toSeconds(),
                "the service closes an idle stream (1008, with a reason) before the queue-proxy cuts it");
        Duration ping = ConfigProvider.getConfig().getValue("quarkus.websockets-next.server.auto-ping-interval",
                Duration.class);
        assertTrue(ping.toSeconds() < Math.min(idle, 60), "pings keep a waiting stream busy for 60 s proxies");
        assertTrue(config.streams().idleTimeout().toSeconds() < timeout, "idle streams close before the cap");
    }

    /** The overlay's patch must set the base's ConfigMap source to null, or the volume would have two sources. */
    private static void assertRemovesTheConfigMapSource(Path overlay) throws IOException {
        JsonNode kustomization = YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
        JsonNode patch = YAML.readTree(overlay.resolve(kustomization.get("patches").get(0).get("path").asText())
                .toFile());
        JsonNode volume = null;
        for (JsonNode v : patch.at("/spec/template/spec/volumes")) {
            if (v.get("name").asText().equals(DICTIONARIES_VOLUME)) {
                volume = v;
            }
        }
        assertNotNull(volume, overlay + ": the patch names the dictionaries volume");
        assertTrue(volume.has("configMap") && volume.get("configMap").isNull(), overlay + ": configMap: null");
    }

    private static PersistentVolumeClaim overlayClaim(Path overlay) throws IOException {
        JsonNode resources = YAML.readTree(overlay.resolve("kustomization.yaml").toFile()).get("resources");
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (JsonNode resource : resources) {
            if (!resource.asText().startsWith("../")) {
                claims.add(assertInstanceOf(PersistentVolumeClaim.class, load(overlay.resolve(resource.asText()))));
            }
        }
        assertEquals(1, claims.size(), overlay + ": one claim");
        return claims.getFirst();
    }

    /**
     * The base's Deployment with the overlay's patch applied to the dictionaries volume, its mount and the pod's
     * security context as kustomize's strategic merge does: volumes by name, mounts by path, a null removes a field.
     */
    private static Deployment overlayDeployment(String name) {
        Deployment base = deployment();
        Path overlay = OVERLAYS.resolve(name);
        JsonNode kustomization;
        try {
            kustomization = YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deployment patch = assertInstanceOf(Deployment.class,
                load(overlay.resolve(kustomization.get("patches").get(0).get("path").asText())));
        var basePod = base.getSpec().getTemplate().getSpec();
        var patchPod = patch.getSpec().getTemplate().getSpec();
        if (patchPod.getSecurityContext() != null && patchPod.getSecurityContext().getFsGroup() != null) {
            basePod.getSecurityContext().setFsGroup(patchPod.getSecurityContext().getFsGroup());
        }
        if (patchPod.getVolumes() != null) {
            for (Volume patched : patchPod.getVolumes()) {
                basePod.getVolumes().replaceAll(v -> v.getName().equals(patched.getName()) ? patched : v);
            }
        }
        Container baseContainer = container(basePod.getContainers());
        for (Container patched : patchPod.getContainers()) {
            if (patched.getImage() != null) {
                baseContainer.setImage(patched.getImage());
            }
            for (VolumeMount mount : patched.getVolumeMounts()) {
                baseContainer.getVolumeMounts().replaceAll(
                        m -> m.getMountPath().equals(mount.getMountPath()) ? mount : m);
            }
            // env merges by name, as kustomize's strategic merge does
            for (EnvVar variable : patched.getEnv()) {
                if (!baseContainer.getEnv().removeIf(e -> e.getName().equals(variable.getName()))) {
                    throw new AssertionError(name + " sets " + variable.getName() + ", which the base does not");
                }
                baseContainer.getEnv().add(variable);
            }
        }
        return base;
    }

    private static Volume dictionariesVolume(List<Volume> volumes) {
        return volumes.stream().filter(v -> v.getName().equals(DICTIONARIES_VOLUME)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + DICTIONARIES_VOLUME));
    }

    private static VolumeMount dictionariesMount(Container container) {
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(DICTIONARIES_VOLUME)).toList();
        assertEquals(1, mounts.size(), "one mount of " + DICTIONARIES_VOLUME);
        return mounts.getFirst();
    }

    private static String variable(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name)).getValue();
    }

    private static Set<String> yamlFilesBesideKustomization(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
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
