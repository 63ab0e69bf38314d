#!/usr/bin/env bash
# Container smoke test, run by .ci/run after `./mvnw verify` (it needs target/quarkus-app and target/native):
#  1. builds Dockerfile.jvm on the local JDK 25 base (local-base.sh), which trains the AOT cache in the build,
#  2. runs the image read-only as its own non-root user, checks readiness reports the core, that the service says
#     the AOT cache is in use and the JVM's own log agrees, and round-trips a body larger than its in-memory
#     spool budget (set to 8M) through /v1/compress and /v1/decompress; checks JAVA_OPTS_APPEND changes the
#     image's JVM options with the cache still in use,
#  3. runs it with caches it cannot use (a file that is no cache; the cache under other JVM options) and checks it
#     still becomes ready, with one log line saying so,
#  4. plays deploy/kubernetes/base/deployment.yaml with `podman kube play` (one replica, its port bound to
#     127.0.0.1) and checks the pod becomes ready under the manifest's own security context,
#  5. tears everything down. Times to ready and the image size are printed for docs/deployment.md.
#
#   src/main/docker/smoke-test.sh
#
# Needs root and the Debian packages podman, buildah, runc and debootstrap (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/main/docker/podman-env.sh

IMAGE=${H4_IMAGE:-localhost/harmony4:jvm}
RUN_PORT=${H4_SMOKE_PORT:-18080}
PLAY_PORT=$((RUN_PORT + 1))
NAME=harmony4-smoke
work=$(mktemp -d /var/tmp/harmony4-smoke.XXXXXX)

teardown() {
    podman rm -f "$NAME" >/dev/null 2>&1 || true
    if [[ -f "$work/play.yaml" ]]; then
        podman kube down "$work/play.yaml" >/dev/null 2>&1 || true
    fi
    podman volume rm -f tmp >/dev/null 2>&1 || true   # the Deployment's emptyDir, as podman makes it
    # the dictionaries' ConfigMap volume: podman keeps it, and would reuse its contents on the next run
    podman volume rm -f harmony4-dictionaries >/dev/null 2>&1 || true
    podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
    podman image prune -f >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap teardown EXIT

fail() {
    echo "smoke test FAILED: $*" >&2
    exit 1
}

for f in target/quarkus-app/quarkus-run.jar target/native/libh4core.so; do
    [[ -f "$f" ]] || fail "$f is missing: run ./mvnw verify (or package) first"
done

# Waits until GET url answers 200 and prints the body; gives up after $2 seconds.
await_ready() {
    local url=$1 deadline=$((SECONDS + $2))
    until curl -sf -m 2 "$url" -o "$work/ready.json"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

elapsed_since() {
    echo "$(( ($(date +%s%N) - $1) / 1000000 )) ms"
}

bash src/main/docker/local-base.sh

echo "== podman build (Dockerfile.jvm on $H4_BASE_IMAGE)"
podman build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$H4_BASE_IMAGE" -t "$IMAGE" . >/dev/null
echo "image $IMAGE: $(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}') \
(base $(podman image inspect "$H4_BASE_IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}'))"

# Runs the image read-only as $NAME, with the podman options given after WHAT, until it is ready (60 s at most):
# the time that took goes to $ready_in, its log up to then to $work/run.log (a file first: grep -q leaving early
# would fail a pipe under pipefail).
run_ready() {
    local what=$1 start
    shift
    start=$(date +%s%N)
    podman run -d --name "$NAME" --read-only --tmpfs /tmp -p "127.0.0.1:$RUN_PORT:8080" "$@" "$IMAGE" >/dev/null
    await_ready "http://127.0.0.1:$RUN_PORT/q/health/ready" 60 \
        || { podman logs "$NAME" | tail -30; fail "not ready: $what"; }
    ready_in=$(elapsed_since "$start")
    podman logs "$NAME" > "$work/run.log" 2>&1
}

echo "== podman run"
# a spool budget of 8 MiB, so that the round trip below goes through spool files in /tmp; the pod below keeps the
# default budget and holds it in memory
run_ready "the image as built" -e HARMONY4_SPOOL_MEMORY_BUDGET=8M
echo "podman run to ready: $ready_in"
grep -q '"id": "h4-core"' "$work/ready.json" && grep -q '"mode": "core"' "$work/ready.json" \
    || fail "readiness does not report the core: $(cat "$work/ready.json")"
[[ $(podman inspect "$NAME" --format '{{.Config.User}}') == 185 ]] || fail "the image does not run as user 185"

# 12 MiB of mixed content: past an 8 MiB spool budget, so that the request spools to /tmp.
head -c 8M < <(cat target/quarkus-app/lib/main/*.jar) > "$work/body"
head -c 4M /dev/urandom >> "$work/body"
roundtrip() {
    local port=$1
    curl -sf -m 60 -H 'Content-Type: application/octet-stream' --data-binary "@$work/body" \
        -D "$work/headers" -o "$work/body.h4mk" "http://127.0.0.1:$port/v1/compress" || fail "compress failed"
    # the content root, recomputed from the file with coreutils as docs/h4mk.md shows (1 MiB blocks, the default)
    local root
    root=$(rm -rf "$work/blocks" && mkdir "$work/blocks" && split -b 1048576 -a 6 -d "$work/body" "$work/blocks/b." &&
        { printf 'H4MK content root v2\n%d %d\n' "$(stat -c %s "$work/body")" "$(ls "$work/blocks" | wc -l)"
          for b in "$work"/blocks/b.*; do printf '%s %d\n' "$(sha256sum < "$b" | cut -c1-64)" "$(stat -c %s "$b")"; done
        } | sha256sum | cut -c1-64)
    grep -qi "^harmony4-content-root: $root" "$work/headers" || fail "compress answered another content root"
    echo "content root $root, as split and sha256sum give it"
    curl -sf -m 60 -H 'Content-Type: application/vnd.harmony4.h4mk' --data-binary "@$work/body.h4mk" \
        -o "$work/body.out" "http://127.0.0.1:$port/v1/decompress" || fail "decompress failed"
    cmp -s "$work/body" "$work/body.out" || fail "round trip changed the bytes"
    echo "round trip of $(stat -c %s "$work/body") bytes through $(stat -c %s "$work/body.h4mk") bytes: identical"
}
roundtrip "$RUN_PORT"
grep -q 'JVM AOT cache /deployments/app.aot in use' "$work/run.log" \
    || { tail -30 "$work/run.log"; fail "the service does not say the AOT cache is in use"; }
echo "AOT cache: in use, as the service logs it"
podman rm -f "$NAME" >/dev/null

# The JVM's own account: with -Xlog:aot on stderr it says it mapped the cache and links the app's classes from it.
run_ready "-Xlog:aot" -e JAVA_TOOL_OPTIONS=-Xlog:aot:stderr
grep -q '\[aot\] Using AOT-linked classes: true' "$work/run.log" \
    || { grep aot "$work/run.log" | tail -30; fail "the JVM's log does not say it used the AOT cache"; }
echo "AOT cache: in use, as the JVM logs it (-Xlog:aot)"
podman rm -f "$NAME" >/dev/null

# JAVA_OPTS_APPEND changes the image's own options (jvm-options), and the cache still serves: here in a 2 GiB
# container, where the JVM picks G1 and another heap size than the training's.
run_ready "JAVA_OPTS_APPEND" --memory=2g -e JAVA_OPTS_APPEND="-XX:MaxRAMPercentage=60 -XX:+PrintFlagsFinal"
grep -Eq ' MaxRAMPercentage += 60\.0+ +\{product\} \{command line\}' "$work/run.log" \
    || fail "JAVA_OPTS_APPEND=-XX:MaxRAMPercentage=60 did not take: $(grep ' MaxRAMPercentage ' "$work/run.log")"
grep -Eq ' AOTAdapterCaching += false +\{diagnostic\} \{command line\}' "$work/run.log" \
    || fail "the image's jvm-options are not in effect: $(grep ' AOTAdapterCaching ' "$work/run.log")"
grep -q 'JVM AOT cache /deployments/app.aot in use' "$work/run.log" \
    || { grep -i aot "$work/run.log" | tail; fail "the AOT cache is not in use with JAVA_OPTS_APPEND"; }
echo "JAVA_OPTS_APPEND: MaxRAMPercentage 50 -> 60 taken, the image's other options kept, AOT cache in use"
podman rm -f "$NAME" >/dev/null

# Caches the JVM cannot use cost start-up time and one log line, never the service.
unusable() {
    local what=$1
    shift
    run_ready "$what" "$@"
    [[ $(grep -ci aot "$work/run.log") == 1 ]] && grep -q 'JVM AOT cache /deployments/app.aot could not be used' \
        "$work/run.log" || { grep -i aot "$work/run.log"; fail "not one log line about $what"; }
    echo "$what: ready in $ready_in without it, one line: $(grep -o 'JVM AOT cache.*started without it' "$work/run.log")"
    podman rm -f "$NAME" >/dev/null
}
head -c 1M /dev/urandom > "$work/not-a-cache.aot"
chmod 0444 "$work/not-a-cache.aot"
unusable "a file that is no cache" -v "$work/not-a-cache.aot:/deployments/app.aot:ro"
# another module option than the training's: the JVM cannot use the cache's linked classes
unusable "the cache under other JVM options" -e JAVA_TOOL_OPTIONS=--add-opens=java.base/java.io=ALL-UNNAMED

echo "== podman kube play deploy/kubernetes/base/deployment.yaml"
# As written, except: one replica, and its port published on loopback (podman has no Service to do that).
sed -e 's/^  replicas: [0-9]*$/  replicas: 1/' \
    -e "s/^\( *\)containerPort: 8080$/&\n\1hostPort: $PLAY_PORT\n\1hostIP: 127.0.0.1/" \
    deploy/kubernetes/base/deployment.yaml > "$work/play.yaml"
grep -q "hostPort: $PLAY_PORT" "$work/play.yaml" || fail "deployment.yaml no longer has containerPort 8080"
# The dictionaries' ConfigMap, empty: podman skips a missing optional ConfigMap volume altogether, where a kubelet
# mounts an empty read-only directory; given one, podman mounts that too.
cat > "$work/dictionaries.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: harmony4-dictionaries
YAML
start=$(date +%s%N)
# (without systemd podman cannot schedule the probes it turns into health checks, and says so on stderr)
podman kube play --configmap "$work/dictionaries.yaml" "$work/play.yaml" >"$work/play.log" 2>&1 \
    || { cat "$work/play.log"; fail "kube play failed"; }
container=$(podman ps --format '{{.Names}}' | grep -- '-harmony4$' || true)
[[ -n "$container" ]] || { cat "$work/play.log"; fail "no harmony4 container after kube play"; }
await_ready "http://127.0.0.1:$PLAY_PORT/q/health/ready" 60 || { podman logs "$container" | tail -30; fail "pod not ready"; }
echo "kube play to ready: $(elapsed_since "$start")"
grep -q '"id": "h4-core"' "$work/ready.json" || fail "the pod does not serve with the core: $(cat "$work/ready.json")"
security=$(podman inspect "$container" --format '{{.HostConfig.ReadonlyRootfs}} {{.Config.User}} {{len .EffectiveCaps}}')
[[ $security == "true 185:0 0" ]] || fail "security context not applied (read-only, user, capabilities): $security"
echo "security context: read-only root, user 185:0, no capabilities"
roundtrip "$PLAY_PORT"

echo "smoke test passed"
