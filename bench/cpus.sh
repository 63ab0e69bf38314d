# Sourced by the HTTP bench scripts: the app and its load generator on different CPUs, as a load generator on another
# machine would be. On loopback, CPU time the load generator takes is otherwise taken from the app.
#   HARMONY4_BENCH_APP_CPUS   CPUs of the app (taskset list; default: the first half of the machine's CPUs); "all"
#                             runs everything unpinned, the load sharing the app's CPUs
#   HARMONY4_BENCH_LOAD_CPUS  CPUs of the load generator (default: the other half)
# Sets app_cpus and load_cpus (taskset lists), app_cpu_count, and pinned (false when app and load share CPUs).
cpus=$(nproc)
app_cpus=${HARMONY4_BENCH_APP_CPUS:-0-$(( cpus / 2 - 1 ))}
load_cpus=${HARMONY4_BENCH_LOAD_CPUS:-$(( cpus / 2 ))-$(( cpus - 1 ))}
pinned=true
if [ "$cpus" -lt 2 ] || [ "$app_cpus" = all ]; then
    app_cpus=0-$(( cpus - 1 )) load_cpus=0-$(( cpus - 1 )) pinned=false
fi
app_cpu_count=$(taskset -c "$app_cpus" nproc)
