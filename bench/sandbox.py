"""Sandbox throughput on typical PAL programs: ours vs in-process exec (the paper's way, unsafe) vs a new
`python` subprocess per program, in the same run, interleaved.

Usage: python bench/sandbox.py [--programs 600] [--repeats 3] [--json PATH]
Prints a table (programs/s, median of the repeats) and writes bench/results/sandbox.json (or PATH).
Run it as root and as an ordinary user: the layers differ (the user switch is root's)."""
import argparse, json, os, platform, statistics, subprocess, sys, time
from pathlib import Path
from envisions.prompts import MATH_EXEMPLARS
from envisions.sandbox import Sandbox

RUNNER = ('import json, sys\nscope = {}\nexec(compile(sys.stdin.read(), "<program>", "exec"), scope)\n'
          'print(json.dumps(scope["solution"]()))')


def typical_programs(n):
    "PAL programs like the model writes: the worked examples with their numbers varied, so none repeat."
    base = [e.solution for e in MATH_EXEMPLARS]
    return [base[i % 3].replace(' = 1', f' = {i + 2}', 1) for i in range(n)]


def in_process(codes):
    out = []
    for code in codes:
        scope = {}; exec(compile(code, '<program>', 'exec'), scope); out.append(scope['solution']())
    return out


def subprocess_each(codes):
    return [json.loads(subprocess.run([sys.executable, '-I', '-c', RUNNER], input=c, capture_output=True, text=True,
                                      timeout=10, env={'PATH': '/usr/bin:/bin'}).stdout) for c in codes]


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--programs', type=int, default=600); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--json', type=Path, default=Path(__file__).parent / 'results' / 'sandbox.json')
    a = ap.parse_args()
    codes = typical_programs(a.programs)
    box = Sandbox(workers=os.cpu_count())
    plain = Sandbox(workers=os.cpu_count(), namespaces=False, require_isolation=False)  # what bubblewrap's namespaces cost
    expected = in_process(codes)
    rates = {'envisions sandbox': [], 'sandbox without namespaces': [], 'in-process exec (unsafe)': [], 'subprocess per program': []}
    for _ in range(a.repeats):
        for name, b in (('envisions sandbox', box), ('sandbox without namespaces', plain)):
            t0 = time.perf_counter(); res = b.run(codes); rates[name].append(len(codes) / (time.perf_counter() - t0))
            assert [r.value for r in res] == expected, 'the sandbox returned different values'
        t0 = time.perf_counter(); in_process(codes); rates['in-process exec (unsafe)'].append(len(codes) / (time.perf_counter() - t0))
        few = codes[:max(50, a.programs // 6)]
        t0 = time.perf_counter(); assert subprocess_each(few) == expected[:len(few)]
        rates['subprocess per program'].append(len(few) / (time.perf_counter() - t0))
    layers = box.layers; box.close(); plain.close()
    med = {k: statistics.median(v) for k, v in rates.items()}
    print(f'{a.programs} PAL programs, {os.cpu_count()} cores, uid {os.geteuid()}, isolation layers: {layers}')
    print(f"{'way':<28}{'programs/s':>12}{'runs':>30}")
    for k, v in rates.items(): print(f"{k:<28}{med[k]:>12.0f}{'  ' + ' / '.join(f'{x:.0f}' for x in v):>30}")
    ratio = med['envisions sandbox'] / med['subprocess per program']
    print(f'sandbox / subprocess-per-program: {ratio:.1f}x (targets: >= 300 programs/s and >= 5x)')
    out = a.json
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'programs': a.programs, 'rates': rates, 'median': med, 'ratio_vs_subprocess': ratio,
                               'layers': layers, 'uid': os.geteuid(), 'cores': os.cpu_count(), 'machine': platform.machine()}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
