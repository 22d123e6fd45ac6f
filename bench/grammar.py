"""What decoding to a grammar costs on the embedded model: the logic quickstart's round-0 sampling (few-shot
prompt, K samples per problem) free, inside each problem's grammar with the mask unpacked by numpy (envisions'
GrammarGuide), and inside it with the mask unpacked by torch bit operations (the naive way), in the same run.

Problems are level-d0 logic problems of the validation split (no held-out problem). Each way runs --repeats
times, alternating, after one untimed warm-up each. Both grammar ways must draw the same tokens (checked): they
differ only in how the allowed-token mask is read.

Usage: python bench/grammar.py [--questions 24] [--K 4] [--temperature 0.7] [--repeats 1]
Prints a table (seconds, tokens generated, tokens/s) and writes bench/results/grammar.json."""
import argparse, json, statistics, time
from pathlib import Path
import torch
from envisions import exploration
from envisions.logic_env import LogicEnvironment, make_logic_problems
from envisions.models import load_model
from envisions.prompts import explore_prompt


def torch_unpack(self, logits):
    "GrammarGuide.restrict with the mask unpacked by torch shifts (the naive way)."
    import llguidance.torch as llt
    bits = llt.allocate_token_bitmask(len(self.matchers), self.ll.vocab_size)
    for i, m in enumerate(self.matchers):
        if m is not None: llt.fill_next_token_bitmask(m, bits, i)
    allowed = ((bits[:, :, None] >> torch.arange(32, dtype=torch.int32)) & 1).flatten(1).bool()[:, :logits.shape[1]]
    allowed[~allowed.any(1), self.ll.eos_token] = True
    return logits.masked_fill(~allowed, float('-inf'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', type=int, default=24); ap.add_argument('--K', type=int, default=4)
    ap.add_argument('--temperature', type=float, default=0.7); ap.add_argument('--repeats', type=int, default=1)
    a = ap.parse_args()
    model, tok = load_model(device='cpu')
    tasks = make_logic_problems(a.questions, 'validation', seed=0, level='d0')
    prompts = [explore_prompt(t, few_shot=True) for t in tasks]
    with LogicEnvironment(workers=1) as env: grammars = [env.grammar(t) for t in tasks]
    kw = dict(K=a.K, temperature=a.temperature, max_new_tokens=128, seed=0, progress=False)
    numpy_restrict = exploration.GrammarGuide.restrict

    def run(way):
        exploration.GrammarGuide.restrict = torch_unpack if way == 'torch' else numpy_restrict
        try:
            t0 = time.perf_counter()
            out = exploration.sample(model, tok, prompts, grammars=None if way == 'free' else grammars, **kw)
            return time.perf_counter() - t0, out
        finally: exploration.GrammarGuide.restrict = numpy_restrict

    ways = {'free (no grammar)': 'free', 'grammar, numpy unpack (envisions)': 'numpy', 'grammar, torch unpack (naive)': 'torch'}
    for w in ways.values(): run(w)  # warm-up
    seconds, outputs = {w: [] for w in ways}, {}
    for _ in range(a.repeats):
        for name, w in ways.items():
            s, outputs[name] = run(w); seconds[name].append(s)
    tokens = lambda out: [s.token_ids for r in out for s in r]
    names = list(ways)
    assert tokens(outputs[names[1]]) == tokens(outputs[names[2]]), 'the two grammar ways drew different tokens'
    rows = []
    for name in names:
        n = sum(map(len, tokens(outputs[name])))
        rows.append({'way': name, 'seconds': statistics.median(seconds[name]), 'runs': seconds[name], 'tokens': n,
                     'tokens_per_s': n / statistics.median(seconds[name])})
    print(f"{a.questions} validation problems (level d0) x K={a.K}, T={a.temperature}, few-shot prompt")
    print(f"{'way':<36} {'seconds':>8} {'tokens':>7} {'tokens/s':>9}")
    for r in rows: print(f"{r['way']:<36} {r['seconds']:>8.1f} {r['tokens']:>7} {r['tokens_per_s']:>9.1f}")
    ratio = rows[2]['seconds'] / rows[1]['seconds']
    print(f"numpy unpack is {ratio:.2f}x as fast as torch unpack; tokens/s with the grammar / free: "
          f"{rows[1]['tokens_per_s'] / rows[0]['tokens_per_s']:.2f}")
    out = Path('bench/results/grammar.json'); out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'rows': rows, 'numpy_vs_torch': ratio}, indent=1))


if __name__ == '__main__': main()
