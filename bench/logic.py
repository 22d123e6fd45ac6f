"""Logic environment throughput: programs checked per second on 2 cores (parse + guard + clingo solve in the
sandbox), against solving in-process with no sandbox (the unsafe upper bound), in the same run.

Usage: python bench/logic.py [--programs 600] [--repeats 3]
Prints a table and writes bench/results/logic.json. Target: >= 50 programs/s, so checking is never the
loop's bottleneck."""
import argparse, json, os, statistics, time
from pathlib import Path
import clingo
from envisions.logic_env import LogicEnvironment, make_logic_problems, parse_logic_program, to_asp


def solve_in_process(text):
    asp, query, opposite = to_asp(parse_logic_program(text))
    ctl = clingo.Control(['--warn=none']); ctl.add('base', [], asp); ctl.ground([('base', [])])
    with ctl.solve(yield_=True) as models:
        for m in models:
            proved = {str(s) for s in m.symbols(atoms=True)}
            return 'True' if query in proved else 'False' if opposite in proved else 'Unknown'


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--programs', type=int, default=600); ap.add_argument('--repeats', type=int, default=3)
    a = ap.parse_args()
    items = make_logic_problems(a.programs, 'train', seed=7)
    programs, answers = [t.meta['program'] for t in items], [t.answer for t in items]
    rates = {'envisions (sandboxed clingo)': [], 'in-process clingo (unsafe)': []}
    with LogicEnvironment() as env:
        for _ in range(a.repeats):
            t0 = time.perf_counter(); fb = env.check(programs, answers)
            rates['envisions (sandboxed clingo)'].append(len(programs) / (time.perf_counter() - t0))
            assert all(f.correct for f in fb)
            t0 = time.perf_counter(); preds = [solve_in_process(p) for p in programs]
            rates['in-process clingo (unsafe)'].append(len(programs) / (time.perf_counter() - t0))
            assert preds == answers
    med = {k: statistics.median(v) for k, v in rates.items()}
    print(f'{a.programs} generated ProofWriter programs (depth 0-5), {os.cpu_count()} cores')
    print(f"{'way':<32}{'programs/s':>12}   runs")
    for k, v in rates.items(): print(f"{k:<32}{med[k]:>12.0f}   {' / '.join(f'{x:.0f}' for x in v)}")
    print(f"target >= 50 programs/s: {'met' if med['envisions (sandboxed clingo)'] >= 50 else 'NOT met'}")
    out = Path(__file__).parent / 'results' / 'logic.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'programs': a.programs, 'rates': rates, 'median': med, 'cores': os.cpu_count()}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
