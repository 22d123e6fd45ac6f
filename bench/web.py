"""Web-agent episodes per second: envisions' pool of reused browsers vs a fresh browser per episode.

Each episode starts a MiniWoB++ instance (task, seed), runs a right program (the task's solver) in headless
Chromium and reads the reward. Ours: WebEnvironment with `--workers` browsers, each reused across episodes
and tasks. Naive: start Chromium, run one episode, quit, every time.

Usage: python bench/web.py [--seeds 3] [--naive-episodes 12] [--workers 2]
Prints a table; writes bench/results/web.json."""
import argparse, json, time
from pathlib import Path
from envisions.web_env import WEB_TASKS, WebEnvironment, solve


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, default=3); ap.add_argument('--naive-episodes', type=int, default=12)
    ap.add_argument('--workers', type=int, default=2)
    a = ap.parse_args()
    instances = [(t, 100 + s) for t in WEB_TASKS for s in range(a.seeds)]
    with WebEnvironment(workers=a.workers) as env:
        items = [(t, s, solve(t, o)[0]) for (t, s), o in zip(instances, env.observe(instances))]
    rows = []
    with WebEnvironment(workers=a.workers) as env:
        t0 = time.perf_counter(); res = env.run(items); pool_s = time.perf_counter() - t0  # browser start-up included
    rows.append({'way': f'pool of {a.workers} reused browsers (envisions)', 'episodes': len(items), 'seconds': pool_s,
                 'correct': sum(r.correct for r in res)})
    for it, r in zip(items, res):
        if not r.correct: print(f'not right: {it[0]} seed {it[1]}: {r.error} (reward {r.reward:.2f})')
    naive = items[:a.naive_episodes]
    t0 = time.perf_counter(); correct = 0
    for it in naive:
        with WebEnvironment(workers=1) as env: correct += env.run([it])[0].correct
    rows.append({'way': 'fresh browser per episode', 'episodes': len(naive), 'seconds': time.perf_counter() - t0, 'correct': correct})
    for r in rows: r['episodes_per_s'] = r['episodes'] / r['seconds']
    ratio = rows[0]['episodes_per_s'] / rows[1]['episodes_per_s']
    print(f"{'way':<40}{'episodes':>9}{'right':>7}{'seconds':>9}{'episodes/s':>12}")
    for r in rows: print(f"{r['way']:<40}{r['episodes']:>9}{r['correct']:>7}{r['seconds']:>9.1f}{r['episodes_per_s']:>12.2f}")
    print(f'ratio: {ratio:.1f}x')
    out = Path(__file__).parent / 'results' / 'web.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'rows': rows, 'ratio': ratio}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
