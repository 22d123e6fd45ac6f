"""Iteration 1 of the quickstart, repeated: how much does the held-out accuracy after one round of training
depend on the selection (ENVISIONS with refine pairs, without them, ReST-EM) and on the training seed alone?

It reads a finished run's round 0 (its tasks, candidates and feedback: the same pool for every variant), selects
the training set as each variant's config says, trains from the base model with each seed, and scores greedy
zero-shot pass@1 on the run's held-out questions. Only the selection, the training settings and the seed change.
With --validation N it scores on N other generated problems instead (seed 17 of the test split, none of them in
the run's held-out set), so that choosing settings does not look at the numbers we report; with
--families-validation it scores on the problem families' validation sets (families.VALIDATION_SETS: seen
families' validation instances, and the validation and composed families no run trains on), per set. With --train-set
it trains on a later iteration's training set as the run wrote it (e.g. RUN_DIR/iter2/train_set.jsonl);
then only the training settings of a variant apply, not its selection.

Usage: python bench/iteration_one.py RUN_DIR [--variants envisions no_refine_pairs rest_em] [--seeds 0 1 2] [--validation 100 | --families-validation]
Prints a table (variant x seed) and writes bench/results/iteration_one.json."""
import argparse, json, statistics, tempfile, time
from pathlib import Path
from envisions.core import Candidate, Feedback, RunConfig, Task, read_jsonl, seed_everything, tasks_by_id
from envisions.evaluation import make_environment, pass_at_k
from envisions.exploration import explore
from envisions.losses import encode_example
from envisions.models import load_model, resolve_model_path
from envisions.selection import Pools, select_for
from envisions.training import train
from envisions.families import VALIDATION_SETS, problem_set
from validation import validation_tasks  # bench/validation.py: the one definition of the validation problems

VARIANTS = {  # config overrides of each variant
    'envisions': {},
    'no_refine_pairs': {'max_refine': 0},
    'rest_em': {'method': 'rest_em'},
    'refine_weight_0.5': {'refine_weight': 0.5},
    'batch_1536': {'batch_tokens': 1536},
    'no_refine_pairs_batch_640': {'max_refine': 0, 'batch_tokens': 640},
    'lr_5e-5': {'learning_rate': 5e-5},
    'lr_3e-5': {'learning_rate': 3e-5},
    'epochs_2': {'epochs': 2},
    'lr_5e-5_epochs_2': {'learning_rate': 5e-5, 'epochs': 2},
    'lr_5e-5_epochs_1': {'learning_rate': 5e-5, 'epochs': 1},
    'lora_lr_2e-4': {'lora': True, 'learning_rate': 2e-4},
    'lora_lr_5e-4': {'lora': True, 'learning_rate': 5e-4},
    'rest_em_lr_5e-5': {'method': 'rest_em', 'learning_rate': 5e-5},
    'rest_em_lr_3e-5': {'method': 'rest_em', 'learning_rate': 3e-5},
    'max_steps_8': {'max_steps': 8},
    'max_steps_18': {'max_steps': 18},
    'max_steps_24': {'max_steps': 24},
    'all_epochs': {'max_steps': None},
    'epochs_4': {'max_steps': None, 'epochs': 4},
}


def save(a, run, held_out, rows) -> dict:
    "Write the rows so far and their summary (mean pass@1 per variant, and per scored set) to a.out."
    summary = {}
    for r in rows:
        v = summary.setdefault(r['variant'], {'per_seed': [], 'per_set': {}})
        v['per_seed'].append(r['pass_at_1'])
        for name, x in r['per_set'].items(): v['per_set'].setdefault(name, []).append(x)
    for v in summary.values(): v['mean'] = statistics.mean(v['per_seed'])
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps({'run_dir': str(run), 'scored_on': 'families validation sets' if a.families_validation else 'validation' if a.validation else 'held_out', 'questions': len(held_out), 'train_set': a.train_set,
                                       'rows': rows, 'summary': summary}, indent=1))
    return summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('run_dir'); ap.add_argument('--variants', nargs='+', default=['envisions', 'no_refine_pairs', 'rest_em'])
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2]); ap.add_argument('--out', default='bench/results/iteration_one.json')
    ap.add_argument('--validation', type=int, default=0, help='score on this many other generated problems, not the held-out set')
    ap.add_argument('--families-validation', action='store_true', help="score on the problem families' validation sets (families.VALIDATION_SETS), not the held-out sets")
    ap.add_argument('--train-set', default=None, help="a run's encoded training set to train on, instead of selecting from round 0")
    a = ap.parse_args()
    run = Path(a.run_dir)
    cfg0 = RunConfig.from_yaml(run / 'config.yaml')
    tasks = read_jsonl(run / 'round0/tasks.jsonl', Task)
    held_out = read_jsonl(run / 'eval_tasks0.jsonl', Task)
    if a.validation: held_out = validation_tasks(a.validation, held_out)
    scored = {}  # sets scored on their own as well (--families-validation: both validation sets, never the held-out ones)
    if a.families_validation:
        scored = {name: problem_set(spec) for name, spec in VALIDATION_SETS.items()}
        held_out = [t for ts in scored.values() for t in ts]
    pools = Pools()
    pools.add(read_jsonl(run / 'round0/candidates.jsonl', Candidate), read_jsonl(run / 'round0/feedback.jsonl', Feedback))
    base = resolve_model_path(cfg0.model)
    _, tok = load_model(base)
    by_id, rows = tasks_by_id(tasks), []
    with make_environment(cfg0.domain, cfg0.environment) as env:
        for variant in a.variants:
            for seed in a.seeds:
                cfg = RunConfig(**(vars(cfg0) | VARIANTS[variant] | {'seed': seed}))
                if a.train_set:
                    encoded = read_jsonl(a.train_set)
                    kinds = [('explore', 'refine')[e['kind']] for e in encoded]
                else:
                    examples = select_for(pools, cfg)
                    encoded, kinds = [encode_example(tok, by_id[e.task_id], e) for e in examples], [e.kind for e in examples]
                seed_everything(seed)
                t0 = time.perf_counter()
                with tempfile.TemporaryDirectory() as tmp:
                    model, tok = load_model(base)
                    model = train(model, tok, encoded, cfg, tmp, progress=False)
                    steps = len(read_jsonl(Path(tmp) / 'metrics.jsonl'))
                train_s = time.perf_counter() - t0
                cands = explore(model, tok, held_out, round=1, K=1, few_shot=False, temperature=0,
                                max_new_tokens=cfg.max_new_tokens, progress=False)
                fb = env.feedback(held_out, cands)
                acc = pass_at_k(cands, fb, held_out)
                per_set = {name: pass_at_k(cands, fb, ts) for name, ts in scored.items()}
                row = {'per_set': per_set, 'variant': variant, 'seed': seed, 'explore': kinds.count('explore'), 'refine': kinds.count('refine'), 'tokens': sum(len(e['input_ids']) for e in encoded),
                       'steps': steps, 'pass_at_1': acc, 'train_s': round(train_s, 1)}
                rows.append(row); print(json.dumps(row), flush=True)
                save(a, run, held_out, rows)  # after every row: a stopped benchmark keeps what it measured
    summary = save(a, run, held_out, rows)
    print(f"\n{'variant':<28} {'examples (E+R)':>15} {'steps':>6} {'pass@1 per seed':>24} {'mean':>6}")
    for variant, v in summary.items():
        accs, rs = v['per_seed'], [r for r in rows if r['variant'] == variant]
        print(f"{variant:<28} {rs[0]['explore']:>8}+{rs[0]['refine']:<6} {rs[0]['steps']:>6} "
              f"{' '.join(f'{100 * x:5.1f}%' for x in accs):>24} {100 * v['mean']:5.1f}%")
        for name, xs in v['per_set'].items():
            print(f"  {name:<26} {'':>15} {'':>6} {' '.join(f'{100 * x:5.1f}%' for x in xs):>24} {100 * statistics.mean(xs):5.1f}%")


if __name__ == '__main__': main()
