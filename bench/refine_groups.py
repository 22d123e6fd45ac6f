"""Refinement speed on the embedded model: prompts read in groups (each question's shared part once, envisions'
`sample`) vs every prompt read whole (the naive way: each refine prompt on its own row), in the same run.

It takes a finished run's sampled candidates (RUN_DIR/iter1/candidates.jsonl: K per question, in order),
builds their refine prompts, and refines the first --questions questions' candidates both ways, alternating,
at the run's temperature and seed, after one untimed warm-up each. With --greedy both ways must write the same
tokens (checked).

Usage: python bench/refine_groups.py RUN_DIR [--questions 48] [--repeats 2] [--greedy]
Prints a table and writes bench/results/refine_groups.json."""
import argparse, json, statistics, time
from pathlib import Path
from envisions import exploration
from envisions.core import Candidate, RunConfig, Task, read_jsonl, tasks_by_id
from envisions.models import load_model, resolve_model_path
from envisions.prompts import refine_prompt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('run_dir'); ap.add_argument('--questions', type=int, default=48); ap.add_argument('--repeats', type=int, default=2)
    ap.add_argument('--greedy', action='store_true')
    a = ap.parse_args()
    run = Path(a.run_dir)
    cfg = RunConfig.from_yaml(run / 'config.yaml')
    by_id = tasks_by_id(read_jsonl(run / 'round0/tasks.jsonl', Task))
    cands = read_jsonl(run / 'iter1/candidates.jsonl', Candidate)
    keep = list(dict.fromkeys(c.task_id for c in cands))[:a.questions]
    cands = [c for c in cands if c.task_id in set(keep)]
    prompts = [refine_prompt(by_id[c.task_id], c.text) for c in cands]
    model, tok = load_model(resolve_model_path(cfg.model))
    kw = dict(K=1, temperature=0 if a.greedy else cfg.temperature, top_p=cfg.top_p, max_new_tokens=cfg.max_new_tokens,
              seed=cfg.seed, progress=False)
    grouped_fn = exploration.prompt_groups
    singletons = lambda suffixes, min_shared=8: [(i, i + 1, 0) for i in range(len(suffixes))]

    def refine(way):
        exploration.prompt_groups = grouped_fn if way == 'grouped' else singletons
        try:
            t0 = time.perf_counter()
            out = exploration.sample(model, tok, prompts, **kw)
            return time.perf_counter() - t0, out
        finally:
            exploration.prompt_groups = grouped_fn

    ways = ('grouped (envisions)', 'whole prompts (naive)')
    for w in ways: refine(w.split()[0])  # warm-up
    seconds, outputs = {w: [] for w in ways}, {}
    for _ in range(a.repeats):
        for w in ways:
            s, outputs[w] = refine(w.split()[0]); seconds[w].append(s)
    if a.greedy:
        same = [r[0].token_ids for r in outputs[ways[0]]] == [r[0].token_ids for r in outputs[ways[1]]]
        assert same, 'grouped and whole-prompt greedy refinements differ'
    ids = exploration.encode_prompts(tok, prompts)
    P = exploration.common_prefix_length(ids)
    groups = exploration.prompt_groups([i[P:] for i in ids])
    read_grouped = P + sum(n + sum(len(ids[i]) - P - n for i in range(s, e)) for s, e, n in groups)
    rows = [{'way': w, 'seconds': statistics.median(s), 'runs': s,
             'prompt_tokens_read': read_grouped if w == ways[0] else P + sum(len(i) - P for i in ids)} for w, s in seconds.items()]
    ratio = rows[1]['seconds'] / rows[0]['seconds']
    generated = sum(len(r[0].token_ids) for r in outputs[ways[0]])
    print(f"{len(keep)} questions, {len(prompts)} refine prompts ({sum(map(len, ids))} prompt tokens, {len(groups)} groups), "
          f"{generated} tokens generated, temperature {kw['temperature']}")
    print(f"{'way':<24} {'seconds':>8} {'prompt tokens read':>19}")
    for r in rows: print(f"{r['way']:<24} {r['seconds']:>8.1f} {r['prompt_tokens_read']:>19}")
    print(f"grouped is {ratio:.2f}x as fast")
    out = Path('bench/results/refine_groups.json'); out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({'run_dir': str(run), 'questions': len(keep), 'prompts': len(prompts), 'groups': len(groups),
                               'temperature': kw['temperature'], 'rows': rows, 'speedup': ratio}, indent=1))


if __name__ == '__main__': main()
