#!/usr/bin/env bash
# bench/core-vs-zstd.sh repeated, and the median per file of core/zstd speed ratios: this shared machine drifts by
# tens of percent within minutes, and only paired, repeated runs separate the engines from the drift.
# Usage: bench/core-vs-zstd-rounds.sh [ROUNDS] [LEVELS] [BLOCK]   (defaults 3, 1,3, 1048576)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
levels=${2:-1,3}
block=${3:-1048576}
out=target/core-vs-zstd-rounds
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
    bench/core-vs-zstd.sh "$levels" 1 "$block" > "$out/round-$r.txt"
    echo "round $r of $rounds done"
done
# core rows: | file | core-L | ratio | c ± e | c best | d ± e | d best | …; zstd rows: | zstd -L | file | ratio | c | d |
# zstd -b reports its fastest run, so the core's best JMH iteration is what it is compared with.
awk -F'|' '
    $3 ~ /core-/ { l = $3; gsub(/[^0-9]/, "", l); f = "level " l ", " $2; gsub(/  +/, " ", f)
                   cc[f, FILENAME] = $6 + 0; cd[f, FILENAME] = $8 + 0; files[f] = 1 }
    $2 ~ /zstd -/ && $5 !~ /n\/a/ { l = $2; gsub(/[^0-9]/, "", l); f = "level " l ", " $3; gsub(/  +/, " ", f)
                   zc[f, FILENAME] = $5 + 0; zd[f, FILENAME] = $6 + 0 }
    END {
        print "| level, file | core/zstd compress (best/best), per round | median | core/zstd decompress (best/best), per round | median |"
        print "|---|---|---:|---|---:|"
        for (f in files) {
            nc = 0; nd = 0; lc = ""; ld = ""; delete rc; delete rd
            for (k in cc) { split(k, p, SUBSEP); if (p[1] != f || zc[f, p[2]] == 0) continue
                rc[++nc] = cc[k] / zc[f, p[2]]; rd[++nd] = cd[k] / zd[f, p[2]]
                lc = lc sprintf("%.2f ", rc[nc]); ld = ld sprintf("%.2f ", rd[nd]) }
            if (nc == 0) continue
            asort_n(rc, nc); asort_n(rd, nd)
            printf "| %s | %s| %.2f | %s| %.2f |\n", f, lc, rc[int((nc + 1) / 2)], ld, rd[int((nd + 1) / 2)]
        }
    }
    function asort_n(a, n,    i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }
' "$out"/round-*.txt
