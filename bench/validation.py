"""Score every model of finished runs on validation problems: the numbers that choose the quickstart's settings.

The held-out set a run reports (its eval_data) must not be the one its settings were chosen on. These are other
generated problems: the test split with seed 17, minus any question of the runs' held-out sets, first N (100 by
default; the same set bench/iteration_one.py --validation uses), or with --families-validation the problem families'
validation sets (families.VALIDATION_SETS, all three unless --sets names some), each scored on its own. Each model answers greedily with the
zero-shot prompt, as in the runs' own evaluation; the base model answers few-shot (its best prompt) and zero-shot;
with --both-prompts the trained models answer few-shot as well (does the round-0 prompt still help them?). Each row
keeps the model's first three wrong programs, to read what it writes.

Usage: python bench/validation.py RUN_DIR [RUN_DIR ...] [--n 100 | --families-validation [--sets NAME ...]] [--both-prompts] [--last-only]
       [--mixed-precision fp32|auto|bf16] [--out bench/results/validation.json]
Prints a table (run x model) and writes the JSON after every model, so a stopped benchmark keeps what it measured."""
import argparse, json, time
from pathlib import Path
from envisions.core import MIXED_PRECISION, RunConfig, Task, read_jsonl
from envisions.evaluation import evaluate_tasks, make_environment
from envisions.families import VALIDATION_SETS, problem_set
from envisions.math_env import make_math_problems
from envisions.models import load_model, resolve_model_path


def validation_tasks(n: int, held_out: list[Task]) -> list[Task]:
    "N generated test problems (seed 17), none of them a question of `held_out`."
    reported = {t.question for t in held_out}
    return [t for t in make_math_problems(n + len(held_out), 'test', seed=17) if t.question not in reported][:n]


def run_models(run: Path, both_prompts: bool = False, last_only: bool = False) -> list[tuple[str, str, bool]]:
    "(label, model path, few-shot) for the base model and each iteration's trained model of a run (or its last), in order."
    cfg = RunConfig.from_yaml(run / 'config.yaml')
    base = resolve_model_path(cfg.model)
    out = [('base few-shot', base, True), ('base zero-shot', base, False)]
    t = 1
    while (run / f'iter{t}').exists():
        if (run / f'iter{t}' / 'model').exists():
            out += [(f'iteration {t}', str(run / f'iter{t}' / 'model'), False)] + both_prompts * [(f'iteration {t} few-shot', str(run / f'iter{t}' / 'model'), True)]
        t += 1
    return out[:2] + out[-(1 + both_prompts):] if last_only and len(out) > 2 else out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('runs', nargs='+'); ap.add_argument('--n', type=int, default=100)
    ap.add_argument('--families-validation', action='store_true', help="the problem families' validation sets, each on its own")
    ap.add_argument('--sets', nargs='+', choices=list(VALIDATION_SETS), help='with --families-validation: only these sets')
    ap.add_argument('--mixed-precision', default='fp32', choices=MIXED_PRECISION, help="as a run's mixed_precision (auto: bfloat16 where the CPU has it)")
    ap.add_argument('--both-prompts', action='store_true', help='trained models answer few-shot too')
    ap.add_argument('--last-only', action='store_true', help="of the trained models, only each run's last")
    ap.add_argument('--out', default='bench/results/validation.json')
    a = ap.parse_args()
    if a.sets and not a.families_validation: ap.error('--sets names sets of --families-validation')
    families_sets = {name: problem_set(spec) for name, spec in VALIDATION_SETS.items() if name in (a.sets or VALIDATION_SETS)}
    rows, cached = [], {}  # the base model is scored once, whatever the number of runs
    with make_environment('math') as env:
        for run in map(Path, a.runs):
            cfg = RunConfig.from_yaml(run / 'config.yaml')
            sets = families_sets if a.families_validation else {'validation': validation_tasks(a.n, read_jsonl(run / 'eval_tasks0.jsonl', Task))}
            for label, path, few in run_models(run, a.both_prompts, a.last_only):
                for set_name, tasks in sets.items():
                    key = (path, few, tuple(t.id for t in tasks))
                    if key not in cached:
                        t0 = time.perf_counter()
                        model, tok = load_model(path, mixed_precision=a.mixed_precision)
                        cands, fb, scores = evaluate_tasks(model, tok, tasks, env, few_shot=few, max_new_tokens=cfg.max_new_tokens)
                        wrong = [{'question': t.question, 'program': c.text} for t, c, f in zip(tasks, cands, fb) if not f.correct][:3]
                        cached[key] = {'pass_at_1': scores['pass_at_1'], 'correct': sum(f.correct for f in fb), 'seconds': round(time.perf_counter() - t0, 1),
                                       'mixed_precision': a.mixed_precision, 'first_wrong': wrong}   # what the model writes, to read
                    row = {'run': str(run), 'model': label, 'set': set_name, 'path': path, **cached[key], 'n': len(tasks)}
                    rows.append(row); print(json.dumps(row), flush=True)
                    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
                    Path(a.out).write_text(json.dumps({'validation': 'families.VALIDATION_SETS' if a.families_validation else
                                                       f'make_math_problems({a.n}+held-out, "test", seed=17) minus held-out questions', 'rows': rows}, indent=1))
    print(f"\n{'run':<40} {'model':<24} {'set':<16} {'validation pass@1':>18}")
    for r in rows: print(f"{r['run'][-40:]:<40} {r['model']:<24} {r['set'][:16]:<16} {100 * r['pass_at_1']:>17.1f}%")


if __name__ == '__main__': main()
