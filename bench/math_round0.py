"""Round 0 on the generated math problems: how often the embedded SmolLM2-135M-Instruct is right per sample
with the few-shot prompt (the quickstart's starting point; the target is roughly 10-30%).

Usage: python bench/math_round0.py [--questions 48] [--K 4] [--max-new-tokens 160]
Prints accuracy per difficulty (arithmetic steps) and the status mix; writes bench/results/math_round0.json."""
import argparse, collections, json, time
from pathlib import Path
from envisions.exploration import explore
from envisions.math_env import MathEnvironment, make_math_problems
from envisions.models import load_model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', type=int, default=48); ap.add_argument('--K', type=int, default=4)
    ap.add_argument('--max-new-tokens', type=int, default=160); ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    model, tok = load_model(device='cpu')
    tasks = make_math_problems(a.questions, 'test', seed=a.seed)
    t0 = time.perf_counter()
    cands = explore(model, tok, tasks, round=0, K=a.K, max_new_tokens=a.max_new_tokens, seed=a.seed, temperature=1.0)
    t_sample = time.perf_counter() - t0
    with MathEnvironment() as env:
        t0 = time.perf_counter(); fb = env.feedback(tasks, cands); t_env = time.perf_counter() - t0
    steps = {t.id: t.meta['steps'] for t in tasks}
    by_steps = collections.defaultdict(list)
    for c, f in zip(cands, fb): by_steps[steps[c.task_id]].append(f.correct)
    solved = {t.id for c, f in zip(cands, fb) if f.correct for t in tasks if t.id == c.task_id}
    acc = sum(f.correct for f in fb) / len(fb)
    print(f'{a.questions} held-out problems x K={a.K}, few-shot prompt, temperature 1.0, max_new_tokens={a.max_new_tokens}')
    print(f"{'steps':<8}{'samples':>9}{'right':>8}{'accuracy':>10}")
    for s in sorted(by_steps): print(f'{s:<8}{len(by_steps[s]):>9}{sum(by_steps[s]):>8}{sum(by_steps[s]) / len(by_steps[s]):>10.1%}')
    print(f"{'all':<8}{len(fb):>9}{sum(f.correct for f in fb):>8}{acc:>10.1%}   pass@{a.K} (question solved by any sample): {len(solved) / len(tasks):.1%}")
    print('statuses:', dict(collections.Counter(f.status for f in fb)))
    print(f'sampling {t_sample:.0f} s, environment {t_env:.1f} s')
    out = Path(__file__).parent / 'results' / 'math_round0.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'accuracy_per_sample': acc, 'pass_at_k': len(solved) / len(tasks),
                               'by_steps': {s: sum(v) / len(v) for s, v in by_steps.items()},
                               'statuses': collections.Counter(f.status for f in fb), 'sampling_s': t_sample, 'env_s': t_env}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
