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
