"""Training throughput on the embedded model: length-grouped batches (envisions) vs fixed-size padded batches
in arrival order (the naive way), same examples, same optimizer, in the same run.

The examples mix candidate lengths the way round-0 sampling does: many short programs that stop at their
closing fence, and a long tail that runs to max_new_tokens. Each way runs one epoch of full fine-tuning
steps (forward, backward, AdamW) and reports real (non-padding) tokens per second.

Usage: python bench/training.py [--examples 48] [--batch-size 8] [--repeats 2]
The two ways alternate, after one untimed warm-up batch.
Prints a table and writes bench/results/training.json."""
import argparse, json, random, statistics, time
from pathlib import Path
import torch
from envisions.core import Candidate
from envisions.losses import collate, encode_example, sft_loss
from envisions.math_env import make_math_problems
from envisions.models import load_model
from envisions.selection import TrainingExample
from envisions.training import length_grouped_batches, padding_fraction


def realistic_examples(tok, n, seed=0):
    "Explore examples whose targets are 25-60 tokens (70%) or 180-256 tokens (30%), like round-0 candidates."
    rng = random.Random(seed)
    tasks = make_math_problems(n, 'train', seed=seed)
    line = '    value = value + 1  # step\n'
    out = []
    for i, t in enumerate(tasks):
        n_tokens = rng.randint(25, 60) if rng.random() < 0.7 else rng.randint(180, 256)
        ids = tok('```python\ndef solution():\n    value = 0\n' + line * 60, add_special_tokens=False)['input_ids'][:n_tokens]
        c = Candidate(f'{t.id}/e0', t.id, tok.decode(ids), token_ids=ids, logprobs=[-1.0] * len(ids))
        out.append(encode_example(tok, t, TrainingExample(t.id, 'explore', c)))
    return out


def run_epoch(model, tok, encoded, batches):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-6)
    real = sum(len(encoded[i]['input_ids']) for b in batches for i in b)
    t0 = time.perf_counter()
    for b in batches:
        batch = collate([encoded[i] for i in b], tok.pad_token_id)
        loss, _ = sft_loss(model, batch)
        loss.backward(); opt.step(); opt.zero_grad()
    return real / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--examples', type=int, default=48); ap.add_argument('--batch-size', type=int, default=8)
    ap.add_argument('--repeats', type=int, default=2)
    a = ap.parse_args()
    model, tok = load_model(device='cpu'); model.train()
    encoded = realistic_examples(tok, a.examples)
    lengths = [len(e['input_ids']) for e in encoded]
    order = list(range(len(encoded))); random.Random(1).shuffle(order)
    naive = [order[i:i + a.batch_size] for i in range(0, len(order), a.batch_size)]
    # the same budget a naive batch of this size needs on average, so both ways hold similar tensors
    budget = int(statistics.mean(len(b) * max(lengths[i] for i in b) for b in naive))
    grouped = length_grouped_batches(lengths, budget, seed=0)
    rates = {'length-grouped (envisions)': [], 'fixed-size padded (naive)': []}
    warm = collate(encoded[:2], tok.pad_token_id)  # untimed: first-iteration allocations must not count against either way
    sft_loss(model, warm)[0].backward(); model.zero_grad()
    for _ in range(a.repeats):
        rates['length-grouped (envisions)'].append(run_epoch(model, tok, encoded, grouped))
        rates['fixed-size padded (naive)'].append(run_epoch(model, tok, encoded, naive))
    med = {k: statistics.median(v) for k, v in rates.items()}
    pads = {'length-grouped (envisions)': padding_fraction(lengths, grouped), 'fixed-size padded (naive)': padding_fraction(lengths, naive)}
    nb = {'length-grouped (envisions)': len(grouped), 'fixed-size padded (naive)': len(naive)}
    print(f'{a.examples} examples, lengths {min(lengths)}-{max(lengths)} tokens (prompt + target), full fine-tuning, CPU float32')
    print(f"{'batching':<30}{'tokens/s':>10}{'padding':>10}{'batches':>9}")
    for k in rates: print(f'{k:<30}{med[k]:>10.1f}{pads[k]:>10.0%}{nb[k]:>9}')
    ratio = med['length-grouped (envisions)'] / med['fixed-size padded (naive)']
    print(f'grouped / naive tokens/s: {ratio:.2f}x (target >= 1.5x); token budget per grouped batch {budget}')
    out = Path(__file__).parent / 'results' / 'training.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'rates': rates, 'padding': pads, 'batches': nb, 'budget': budget, 'ratio': ratio}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
