#!/bin/bash
# Imports every EDL and OTIO file of the corpus with a termcut binary and keeps what `import`
# said and what `dump` shows, one pair of files per input, so two builds can be compared:
#   scripts/corpus-interchange-dump.sh OLD/termcut /tmp/before
#   scripts/corpus-interchange-dump.sh .build/debug/termcut /tmp/after && diff -r /tmp/before /tmp/after
# CORPUS (default /work/shared/corpus) is read only.
set -u
bin=$1; out=$2; mkdir -p $out
find ${CORPUS:-/work/shared/corpus}/edl -type f \( -name '*.edl' -o -name '*.otio' \) | sort | while read f; do
  n=$(echo "${f#${CORPUS:-/work/shared/corpus}/edl/}" | tr '/' '_')
  work=$(mktemp -d)
  (cd $work && $bin import "$f" -o $work/p.termcut > "$out/$n.import" 2>&1; $bin dump $work/p.termcut > "$out/$n.dump" 2>&1)
  rm -rf $work
done
