"""What mixed precision buys on this machine: the embedded model's forward passes in bfloat16 (weights float32,
`load_model(..., mixed_precision='bf16')`) against plain float32 (the naive way), in the same run, for the two
stages a logic run spends its time in:

- sampling: the logic quickstart's round 0 (level-d0 validation problems, few-shot prompt, K samples each,
  inside each problem's grammar), generated tokens per second;
- training: one epoch of full fine-tuning (forward, backward, AdamW) on those samples as explore examples with
  the zero-shot prompt, length-grouped batches of <= 1024 tokens, real tokens per second; each way starts
  from the same base weights.

It also says what bfloat16 changes: s(a) of the float32 samples re-scored (teacher-forced) in bfloat16, and how
often each question's most confident sample stays the same. No held-out problem is used.

Usage: python bench/precision.py [--questions 16] [--K 4] [--repeats 1]
Prints a table and writes bench/results/precision.json."""
import argparse, json, statistics, time
from pathlib import Path
import torch
from envisions.core import Candidate
from envisions.exploration import sample, score
from envisions.logic_env import LogicEnvironment, make_logic_problems
from envisions.losses import collate, encode_example, sft_loss
from envisions.models import bf16_native, load_model
from envisions.prompts import explore_prompt
from envisions.selection import TrainingExample
from envisions.training import length_grouped_batches

WAYS = {'float32 (naive)': 'fp32', 'bf16 mixed precision (envisions)': 'bf16'}


def sampling_rate(model, tok, prompts, grammars, K, seed=0):
    t0 = time.perf_counter()
    out = sample(model, tok, prompts, K=K, temperature=0.7, max_new_tokens=128, seed=seed, progress=False, grammars=grammars)
    seconds = time.perf_counter() - t0
    return sum(len(s.token_ids) for r in out for s in r) / seconds, out


def training_rate(precision, tok, encoded):
    "Real tokens per second of one epoch from the base weights, and the epoch's mean loss."
    model, _ = load_model(device='cpu', mixed_precision=precision); model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5)
    batches = length_grouped_batches([len(e['input_ids']) for e in encoded], 1024, seed=0)
    losses, t0 = [], time.perf_counter()
    for b in batches:
        loss, _ = sft_loss(model, collate([encoded[i] for i in b], tok.pad_token_id))
        loss.backward(); opt.step(); opt.zero_grad(); losses.append(loss.item())
    return sum(len(e['input_ids']) for e in encoded) / (time.perf_counter() - t0), statistics.mean(losses)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', type=int, default=16); ap.add_argument('--K', type=int, default=4)
    ap.add_argument('--repeats', type=int, default=1)
    a = ap.parse_args()
    models = {way: load_model(device='cpu', mixed_precision=p) for way, p in WAYS.items()}
    tok = next(iter(models.values()))[1]
    tasks = make_logic_problems(a.questions, 'validation', seed=0, level='d0')
    prompts = [explore_prompt(t, few_shot=True) for t in tasks]
    with LogicEnvironment(workers=1) as env: grammars = [env.grammar(t) for t in tasks]
    for m, _ in models.values(): sampling_rate(m, tok, prompts[:2], grammars[:2], a.K)  # warm-up
    rates, samples = {w: [] for w in WAYS}, {}
    for _ in range(a.repeats):
        for way, (m, _) in models.items():
            r, samples[way] = sampling_rate(m, tok, prompts, grammars, a.K); rates[way].append(r)
    # what bfloat16 changes: s(a) of the float32 samples, re-scored by each way
    plain = samples['float32 (naive)']
    flat_prompts = [p for p, r in zip(prompts, plain) for _ in r]
    flat_tokens = [s.token_ids for r in plain for s in r]
    s_of = {w: [statistics.mean(lp) for lp in score(m, tok, flat_prompts, flat_tokens)] for w, (m, _) in models.items()}
    ways = list(WAYS)
    diffs = [abs(x - y) for x, y in zip(s_of[ways[0]], s_of[ways[1]])]
    best = lambda s: [max(range(a.K), key=lambda k: s[q * a.K + k]) for q in range(len(prompts))]
    same_best = statistics.mean(x == y for x, y in zip(best(s_of[ways[0]]), best(s_of[ways[1]])))
    # training on those samples as explore examples
    encoded = [encode_example(tok, t, TrainingExample(t.id, 'explore', Candidate(f'{t.id}/e{k}', t.id, s.text, token_ids=s.token_ids, logprobs=s.logprobs)))
               for t, r in zip(tasks, plain) for k, s in enumerate(r)]
    train = {w: training_rate(p, tok, encoded) for w, p in WAYS.items()}
    rows = [{'way': w, 'sampling_tokens_per_s': statistics.median(rates[w]), 'sampling_runs': rates[w],
             'training_tokens_per_s': train[w][0], 'training_mean_loss': train[w][1]} for w in ways]
    print(f"{a.questions} validation logic problems (level d0) x K={a.K}, T=0.7, inside each grammar; "
          f"training: {len(encoded)} explore examples, one epoch. CPU has native bf16: {bf16_native('cpu')}")
    print(f"{'way':<34} {'sampling tok/s':>15} {'training tok/s':>15} {'mean loss':>10}")
    for r in rows: print(f"{r['way']:<34} {r['sampling_tokens_per_s']:>15.1f} {r['training_tokens_per_s']:>15.1f} {r['training_mean_loss']:>10.4f}")
    ratio = {k: rows[1][k] / rows[0][k] for k in ('sampling_tokens_per_s', 'training_tokens_per_s')}
    print(f"bf16 / float32: sampling {ratio['sampling_tokens_per_s']:.2f}x, training {ratio['training_tokens_per_s']:.2f}x")
    print(f"s(a) of the float32 samples re-scored in bf16: mean |diff| {statistics.mean(diffs):.4f}, max {max(diffs):.4f}; "
          f"most confident sample unchanged for {same_best:.0%} of questions")
    out = Path('bench/results/precision.json'); out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'bf16_native': bf16_native('cpu'), 'rows': rows, 'ratio': ratio,
                               's_diff_mean': statistics.mean(diffs), 's_diff_max': max(diffs), 'same_best': same_best}, indent=1))


if __name__ == '__main__': main()
