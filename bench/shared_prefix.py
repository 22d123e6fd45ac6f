"""Round-0 sampling speed on the embedded model: the few-shot prefix read once by every row (envisions' `sample`,
`prefix_attention`) vs copied into every row's cache (the naive way, what `sample` did before), in the same run.

Samples K answers to the first --questions training problems of the problem families (the quickstart's round 0: few-shot
prompt, temperature 0.5, 80 new tokens) both ways, alternating, after one untimed warm-up each. With --greedy
both ways must write the same tokens (checked); sampled at a temperature they draw the same tokens too, unless
a float rounding difference tips one draw.

Usage: python bench/shared_prefix.py [--questions 48] [--K 4] [--repeats 2] [--greedy]
Prints a table and writes bench/results/shared_prefix.json."""
import argparse, json, statistics, time
from pathlib import Path
from envisions.exploration import common_prefix_length, encode_prompts, sample
from envisions.families import make_family_problems
from envisions.models import load_model
from envisions.prompts import explore_prompt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', type=int, default=48); ap.add_argument('--K', type=int, default=4)
    ap.add_argument('--repeats', type=int, default=2); ap.add_argument('--greedy', action='store_true')
    a = ap.parse_args()
    model, tok = load_model(None)
    prompts = [explore_prompt(t, few_shot=True) for t in make_family_problems(a.questions, 'train', 'train', seed=0)]
    kw = dict(K=a.K, temperature=0 if a.greedy else 0.5, max_new_tokens=80, seed=0, progress=False)
    verdicts = model.__dict__.setdefault('_envisions_reads_prefix_once', {})

    def run(way):
        verdicts.clear()
        if way.startswith('copied'): verdicts[model.config._attn_implementation] = False  # the check says no: copies
        t0 = time.perf_counter()
        out = sample(model, tok, prompts, **kw)
        return time.perf_counter() - t0, out

    ways = ('read once (envisions)', 'copied per row (naive)')
    for w in ways: run(w)  # warm-up
    seconds, outputs = {w: [] for w in ways}, {}
    for _ in range(a.repeats):
        for w in ways:
            s, outputs[w] = run(w); seconds[w].append(s)
    tokens = {w: [s.token_ids for r in outputs[w] for s in r] for w in ways}
    same = tokens[ways[0]] == tokens[ways[1]]
    if a.greedy: assert same, 'greedy samples differ between the two ways'
    ids = encode_prompts(tok, prompts)
    P = common_prefix_length(ids)
    rows = [{'way': w, 'seconds': statistics.median(s), 'runs': s} for w, s in seconds.items()]
    ratio = rows[1]['seconds'] / rows[0]['seconds']
    generated = sum(map(len, tokens[ways[0]]))
    print(f"{a.questions} questions x K={a.K}, shared prefix {P} tokens, own tokens {min(len(i) - P for i in ids)}-"
          f"{max(len(i) - P for i in ids)}, {generated} tokens generated, temperature {kw['temperature']}, same tokens: {same}")
    print(f"{'way':<26} {'seconds':>8}")
    for r in rows: print(f"{r['way']:<26} {r['seconds']:>8.1f}")
    print(f"read once is {ratio:.2f}x as fast")
    out = Path('bench/results/shared_prefix.json'); out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({'questions': a.questions, 'K': a.K, 'prefix_tokens': P, 'temperature': kw['temperature'],
                               'same_tokens': same, 'rows': rows, 'speedup': ratio}, indent=1))


if __name__ == '__main__': main()
