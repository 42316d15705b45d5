# Shared by the benchmark scripts (`source benches/common.sh` from the repository's root).

# Builds guidepress and the benchmark binary (`benches/pipeline`) in the release profile and
# prints the benchmark binary's path.
bench_binary() {
    cargo bench --bench pipeline --no-run --message-format=json 2>/dev/null |
        python3 -c "
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get('reason') == 'compiler-artifact' and m['target']['name'] == 'pipeline' and m.get('executable'):
        print(m['executable'])"
}
