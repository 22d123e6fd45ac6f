"""Round 0 on the generated math problems: how often the embedded SmolLM2-135M-Instruct is right per sample
with the few-shot prompt (the quickstart's starting point; the target is roughly 10-30%).

Compares, in the same run, our short worked examples (envisions.prompts.MATH_EXEMPLARS) with the longer
PAL-style ones we first wrote, and sampling temperatures (the paper samples at 1.0).

Usage: python bench/math_round0.py [--questions 24] [--K 4] [--max-new-tokens 128] [--temperatures 0.7 1.0]
Prints accuracy per difficulty (arithmetic steps) and the status mix; writes bench/results/math_round0.json."""
import argparse, collections, dataclasses, json, time
from pathlib import Path
from envisions import prompts
from envisions.exploration import explore
from envisions.math_env import MathEnvironment, make_math_problems
from envisions.models import load_model
from envisions.prompts import Exemplar

# The PAL-style examples of our first version: several quantities per expression, a `result` variable.
LONG_EXEMPLARS = (
    Exemplar('A library has 120 books. It lends out 45 books on Monday and 18 books are returned on Tuesday. '
             'How many books are in the library now?',
             'def solution():\n    books_initial = 120\n    books_lent = 45\n    books_returned = 18\n'
             '    books_now = books_initial - books_lent + books_returned\n    result = books_now\n    return result', 93),
    Exemplar('Maria buys 3 notebooks at $4 each and 2 pens at $1.50 each. She pays with a $20 bill. How much change does she get?',
             'def solution():\n    notebook_count = 3\n    notebook_price = 4\n    pen_count = 2\n    pen_price = 1.5\n'
             '    money_paid = 20\n    total_cost = notebook_count * notebook_price + pen_count * pen_price\n'
             '    change = money_paid - total_cost\n    result = change\n    return result', 5),
    Exemplar('A train travels at 60 miles per hour for 2.5 hours, then at 40 miles per hour for 1 hour. '
             'How many miles does it travel in total?',
             'def solution():\n    speed_first = 60\n    hours_first = 2.5\n    speed_second = 40\n    hours_second = 1\n'
             '    distance = speed_first * hours_first + speed_second * hours_second\n    result = distance\n    return result', 190),
)


def measure(model, tok, tasks, env, exemplars, a, temperature):
    ours = prompts.DOMAINS['math']
    prompts.DOMAINS['math'] = dataclasses.replace(ours, exemplars=exemplars)
    try:
        t0 = time.perf_counter()
        cands = explore(model, tok, tasks, round=0, K=a.K, max_new_tokens=a.max_new_tokens, seed=a.seed, temperature=temperature, progress=False)
        seconds = time.perf_counter() - t0
    finally: prompts.DOMAINS['math'] = ours
    fb = env.feedback(tasks, cands)
    steps = {t.id: t.meta['steps'] for t in tasks}
    by_steps = collections.defaultdict(list)
    for c, f in zip(cands, fb): by_steps[steps[c.task_id]].append(f.correct)
    solved = {c.task_id for c, f in zip(cands, fb) if f.correct}
    return {'accuracy_per_sample': sum(f.correct for f in fb) / len(fb), 'pass_at_k': len(solved) / len(tasks),
            'by_steps': {s: sum(v) / len(v) for s, v in sorted(by_steps.items())},
            'statuses': dict(collections.Counter(f.status for f in fb)), 'sampling_s': round(seconds, 1),
            'tokens': sum(len(c.token_ids) for c in cands)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', type=int, default=24); ap.add_argument('--K', type=int, default=4)
    ap.add_argument('--max-new-tokens', type=int, default=128); ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--temperatures', type=float, nargs='+', default=[0.7, 1.0])
    a = ap.parse_args()
    model, tok = load_model(device='cpu')
    tasks = make_math_problems(a.questions, 'test', seed=a.seed)
    rows = []
    with MathEnvironment() as env:
        for name, ex in (('ours (short)', prompts.MATH_EXEMPLARS), ('long PAL-style', LONG_EXEMPLARS)):
            for temp in a.temperatures:
                rows.append({'exemplars': name, 'temperature': temp, **measure(model, tok, tasks, env, ex, a, temp)})
                r = rows[-1]; print(f"{name:<16} T={temp:<4} per sample {r['accuracy_per_sample']:6.1%}  pass@{a.K} {r['pass_at_k']:6.1%}  "
                                    f"by steps {r['by_steps']}  {r['statuses']}  {r['sampling_s']} s", flush=True)
    print(f'\n{a.questions} held-out problems (1-4 steps) x K={a.K}, few-shot prompt, max_new_tokens={a.max_new_tokens}')
    print(f"{'exemplars':<18}{'T':>5}{'per sample':>12}{f'pass@{a.K}':>9}{'1 step':>8}{'2 steps':>9}{'3-4 steps':>11}{'seconds':>9}")
    for r in rows:
        b = r['by_steps']; hard = [b.get(3, 0), b.get(4, 0)]
        print(f"{r['exemplars']:<18}{r['temperature']:>5}{r['accuracy_per_sample']:>12.1%}{r['pass_at_k']:>9.1%}{b.get(1, 0):>8.1%}{b.get(2, 0):>9.1%}"
              f"{sum(hard) / 2:>11.1%}{r['sampling_s']:>9}")
    out = Path(__file__).parent / 'results' / 'math_round0.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'rows': rows}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
