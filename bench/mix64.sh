# Sourced by the HTTP bench scripts: mix64 FILE writes the 64 MiB body they send, the corpus mix (dickens, ooffice,
# osdb and xml, three times over, cut at 64 MiB: the same bytes as BenchData's "mix64"). Files missing from
# target/corpus are unzipped there from HARMONY4_CORPUS_DIR (default ../shared/corpus).
mix64() {
    local name
    for name in dickens ooffice osdb xml; do
        [ -f "target/corpus/$name" ] ||
            unzip -q -o "${HARMONY4_CORPUS_DIR:-../shared/corpus}/$name.zip" -d target/corpus ||
            { echo "need the corpus: $name in target/corpus or $name.zip in HARMONY4_CORPUS_DIR" >&2; return 1; }
    done
    # (head stops reading once it has 64 MiB; the writer's SIGPIPE is expected)
    for name in 1 2 3; do cat target/corpus/dickens target/corpus/ooffice target/corpus/osdb target/corpus/xml; done |
        head -c 67108864 > "$1" || true
    [ "$(stat -c %s "$1")" = 67108864 ] || { echo "$1 is not 64 MiB: see target/corpus" >&2; return 1; }
}
