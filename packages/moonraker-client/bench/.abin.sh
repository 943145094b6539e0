# usage: R=4 bash bench/.abin.sh dirA dirB ...  ('dist' = ../dist); prints client/base ratio per run, then medians
R=${R:-4}
for r in $(seq $R); do for d in "$@"; do
  if [ "$d" = dist ]; then out=$(ONLY=1 ROUNDS=5 node bench/.inproc.mjs); else out=$(BENCH_DIST=$PWD/$d ONLY=1 ROUNDS=5 node bench/.inproc.mjs); fi
  echo "$d $(echo "$out" | awk '/^client/{print $4}')"
done; done | python3 /tmp/med.py
