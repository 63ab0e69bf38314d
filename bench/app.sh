# Sourced by the bench scripts that start the app: waiting for it to be ready, and a port to start it on.

# wait_ready PORT [PID [LOG]]: returns once http://127.0.0.1:PORT/q/health/ready answers 200. Fails (status 1, the
# end of LOG on stderr) when the app's process PID ended first, or after HARMONY4_BENCH_READY_SECONDS (default 120),
# so that a script never measures an app that did not start, or another one holding the port.
wait_ready() {
    local port=$1 pid=${2:-} log=${3:-}
    local deadline=$((SECONDS + ${HARMONY4_BENCH_READY_SECONDS:-120}))
    until curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            echo "the app ended before it was ready${log:+ (its log: $log)}" >&2
            [ -z "$log" ] || tail -20 "$log" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "the app was not ready on port $port after ${HARMONY4_BENCH_READY_SECONDS:-120} s${log:+ (its log: $log)}" >&2
            [ -z "$log" ] || tail -20 "$log" >&2
            return 1
        fi
        sleep 0.2
    done
}

# bench_port DEFAULT: the port to start the app on. HARMONY4_BENCH_PORT when set, which must then be free (else it
# fails, saying so); else DEFAULT when it is free, else one the kernel picks, so that an app another job runs on the
# default port is never measured in place of ours.
bench_port() {
    python3 - "${HARMONY4_BENCH_PORT:-}" "$1" <<'EOF'
import socket, sys
wanted, default = sys.argv[1], int(sys.argv[2])
def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return s.getsockname()[1]
        except OSError:
            return None
if wanted:
    port = free(int(wanted))
    if port is None:
        sys.exit("HARMONY4_BENCH_PORT=%s is in use: another app listens there" % wanted)
else:
    port = free(default) or free(0)
print(port)
EOF
}

# start_app JAR CORE SPOOL_DIR LOG [VAR=VALUE...]: starts the packaged app on $port and the CPUs $app_cpus, with the
# glibc settings of src/main/docker/Dockerfile.jvm (so that RSS reads as it would in the image), JAVA_OPTS (default
# -Xmx512m, the pod's heap) and any VAR=VALUE given in its environment; sets app to its pid, stops it when the script
# exits, and returns once it is ready (wait_ready). Uses $java when the script set it, else the java on the PATH.
start_app() {
    local jar=$1 core=$2 spool=$3 log=$4
    shift 4
    env MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 HARMONY4_CORE_PATH="$core" QUARKUS_HTTP_PORT="$port" \
        QUARKUS_HTTP_HOST=127.0.0.1 HARMONY4_SPOOL_DIR="$spool" "$@" \
        taskset -c "$app_cpus" "${java:-java}" ${JAVA_OPTS:--Xmx512m} -jar "$jar" > "$log" 2>&1 &
    app=$!
    trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
    wait_ready "$port" "$app" "$log"
}
