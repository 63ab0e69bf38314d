# Sourced by the container scripts: podman and buildah settings that work in this sandbox (no systemd, no
# overlayfs, ulimits that cannot be raised). Everything lives in its own storage, apart from any other podman use.
H4_PODMAN_HOME=${H4_PODMAN_HOME:-/var/lib/harmony4-podman}
mkdir -p "$H4_PODMAN_HOME"
# Limits for containers: no higher than this shell's hard limits, and nproc at most 32768 (the sandbox refused to
# set 65536 even under a higher hard limit).
h4_nofile=$(ulimit -Hn)
h4_nproc=$(ulimit -Hu)
[[ $h4_nproc == unlimited || $h4_nproc -gt 32768 ]] && h4_nproc=32768
[[ $h4_nofile == unlimited || $h4_nofile -gt 1048576 ]] && h4_nofile=1048576
cat > "$H4_PODMAN_HOME/storage.conf" <<CONF
[storage]
driver = "vfs"
runroot = "$H4_PODMAN_HOME/run"
graphroot = "$H4_PODMAN_HOME/storage"
CONF
cat > "$H4_PODMAN_HOME/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$h4_nofile:$h4_nofile", "nproc=$h4_nproc:$h4_nproc"]

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
events_logger = "file"
CONF
export CONTAINERS_CONF="$H4_PODMAN_HOME/containers.conf"
export CONTAINERS_STORAGE_CONF="$H4_PODMAN_HOME/storage.conf"
export BUILDAH_ISOLATION=chroot

# The local stand-in for eclipse-temurin:25-jre (local-base.sh makes it).
H4_BASE_IMAGE=${H4_BASE_IMAGE:-localhost/harmony4-base:bookworm-jdk25}
