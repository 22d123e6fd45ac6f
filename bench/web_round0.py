"""Round 0 on the web agent: how often the embedded SmolLM2-135M-Instruct completes MiniWoB++ instances, per task,
with the round-0 demonstration (the same task solved on another instance) and zero-shot (what a held-out score
without the demonstration starts from).

Instances come from the validation seed range of `envisions.web_env.SEED_RANGES`: nothing measured here touches a
held-out instance. Greedy for each prompt, and K samples at each temperature (where self-training finds its first
positives).

With --decoding free grammar, each prompt is also sampled inside each page's grammar (WebEnvironment.grammar: every
line an action the page allows).

Usage: python bench/web_round0.py [--per-task 4] [--K 4] [--temperatures 0.5] [--workers 2] [--decoding free grammar]
Prints a table per prompt (greedy success, per-sample success and pass@K per task); writes bench/results/web_round0.json."""
import argparse, collections, itertools, json, time
from pathlib import Path
from envisions.exploration import explore
from envisions.models import load_model
from envisions.web_env import WEB_TASKS, WebEnvironment, make_web_tasks


def measure(model, tok, env, tasks, few_shot: bool, K: int, temperature: float, max_new_tokens: int, seed: int, grammar=None) -> dict:
    "Success per task of K candidates per instance (K=1, temperature 0: greedy)."
    t0 = time.perf_counter()
    cands = explore(model, tok, tasks, round=0, K=K, few_shot=few_shot, temperature=temperature, max_new_tokens=max_new_tokens,
                    seed=seed, progress=False, grammar=grammar)
    sampling_s = time.perf_counter() - t0
    fb = env.feedback(tasks, cands)
    task_of = {t.id: t.meta['task'] for t in tasks}
    per_sample, solved = collections.defaultdict(list), collections.defaultdict(set)
    for c, f in zip(cands, fb):
        per_sample[task_of[c.task_id]].append(f.correct)
        if f.correct: solved[task_of[c.task_id]].add(c.task_id)
    n_inst = collections.Counter(task_of.values())
    return {'right_per_sample': sum(f.correct for f in fb) / len(fb), 'pass_at_k': sum(len(v) for v in solved.values()) / len(tasks),
            'per_task': {t: {'right_per_sample': sum(v) / len(v), 'pass_at_k': len(solved[t]) / n_inst[t]} for t, v in per_sample.items()},
            'statuses': dict(collections.Counter(f.status for f in fb)), 'sampling_s': round(sampling_s, 1),
            'tokens': sum(len(c.token_ids) for c in cands)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--per-task', type=int, default=4); ap.add_argument('--K', type=int, default=4)
    ap.add_argument('--temperatures', type=float, nargs='+', default=[0.5]); ap.add_argument('--max-new-tokens', type=int, default=96)
    ap.add_argument('--workers', type=int, default=2); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--decoding', nargs='+', choices=['free', 'grammar'], default=['free'],
                    help="free sampling, and/or inside each page's grammar (WebEnvironment.grammar)")
    a = ap.parse_args()
    model, tok = load_model(device='cpu')
    rows = []
    with WebEnvironment(workers=a.workers) as env:
        tasks = make_web_tasks(env, a.per_task, 'validation', seed=a.seed)
        for decoding, few_shot in itertools.product(a.decoding, (True, False)):
            for K, temp in [(1, 0.0)] + [(a.K, t) for t in a.temperatures]:
                r = {'prompt': 'demonstration' if few_shot else 'zero-shot', 'decoding': decoding, 'K': K, 'temperature': temp,
                     **measure(model, tok, env, tasks, few_shot, K, temp, a.max_new_tokens, a.seed, env.grammar if decoding == 'grammar' else None)}
                rows.append(r)
                print(f"{r['prompt']:<14} {decoding:<8} K={K} T={temp:<4} right per sample {r['right_per_sample']:6.1%}  pass@{K} {r['pass_at_k']:6.1%}  "
                      f"{r['sampling_s']:6.1f} s  {r['statuses']}", flush=True)
    print(f"\n{'task':<18}" + ''.join(f"{r['prompt'][:4]}{r['decoding'][:1]} K={r['K']:<2}" for r in rows))
    for t in WEB_TASKS:
        print(f'{t:<18}' + ''.join(f"{r['per_task'].get(t, {}).get('pass_at_k', 0):>10.0%}" for r in rows))
    out = Path(__file__).parent / 'results' / 'web_round0.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'rows': rows}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
