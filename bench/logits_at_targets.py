"""Training step time on the embedded model: logits computed only where a target token is (envisions'
`target_logps`, through `logits_to_keep`) vs logits at every position (the naive way), in the same run.

The examples are the quickstart's kind: the zero-shot prompt of a generated math problem and its gold program as
the target (explore examples), and refine examples (the refine prompt with a wrong program, the gold one as the
target), batched as training batches them (length-grouped, --batch-tokens per batch). Each way runs the same
batches (forward, backward, AdamW step on a fresh copy of the model); the two ways alternate, after one untimed
warm-up batch each.

Usage: python bench/logits_at_targets.py [--examples 64] [--batch-tokens 1024] [--repeats 2]
Prints a table and writes bench/results/logits_at_targets.json."""
import argparse, copy, json, statistics, time
from pathlib import Path
import torch
from envisions import losses
from envisions.core import Candidate
from envisions.losses import IGNORE, collate, encode_example, sft_loss
from envisions.math_env import make_math_problems
from envisions.models import load_model
from envisions.selection import TrainingExample
from envisions.training import length_grouped_batches


def at_every_position(model, batch):
    "The naive way: logits (and their log-softmax) at every position, masked afterwards."
    logits = model(input_ids=batch['input_ids'], attention_mask=batch['attention_mask']).logits[:, :-1].float()
    labels = batch['labels'][:, 1:]
    mask = labels != IGNORE
    return torch.gather(logits.log_softmax(-1), 2, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1) * mask, mask


def examples(tok, n):
    "Half explore, half refine examples of generated problems, each with the gold program as its target."
    out = []
    for i, t in enumerate(make_math_problems(n, 'train', seed=0)):
        gold = Candidate(id=f'{t.id}/gold', task_id=t.id, text=f"```python\n{t.meta['program']}\n```")
        if i % 2: out.append(encode_example(tok, t, TrainingExample(t.id, 'explore', gold)))
        else:
            wrong = Candidate(id=f'{t.id}/wrong', task_id=t.id, text="```python\ndef solution():\n    return 0\n```")
            out.append(encode_example(tok, t, TrainingExample(t.id, 'refine', gold, source=wrong)))
    return out


def timed_steps(model, tok, encoded, batches, logps_fn) -> float:
    "Seconds for one optimizer step per batch, with `logps_fn` as the loss's log-prob function."
    losses.target_logps, saved = logps_fn, losses.target_logps
    try:
        opt = torch.optim.AdamW(model.parameters(), lr=1e-5)
        t0 = time.perf_counter()
        for b in batches:
            loss, _ = sft_loss(model, collate([encoded[i] for i in b], tok.pad_token_id))
            loss.backward(); opt.step(); opt.zero_grad()
        return time.perf_counter() - t0
    finally:
        losses.target_logps = saved


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--examples', type=int, default=64); ap.add_argument('--batch-tokens', type=int, default=1024)
    ap.add_argument('--repeats', type=int, default=2)
    a = ap.parse_args()
    base, tok = load_model(None)
    encoded = examples(tok, a.examples)
    batches = length_grouped_batches([len(e['input_ids']) for e in encoded], a.batch_tokens, seed=0)
    tokens = sum(len(e['input_ids']) for e in encoded)
    targets = sum(sum(l != IGNORE for l in e['labels']) for e in encoded)
    ways = {'targets only (envisions)': losses.target_logps, 'every position (naive)': at_every_position}
    for fn in ways.values(): timed_steps(copy.deepcopy(base), tok, encoded, batches[:1], fn)  # warm-up
    seconds = {w: [] for w in ways}
    for _ in range(a.repeats):
        for w, fn in ways.items(): seconds[w].append(timed_steps(copy.deepcopy(base), tok, encoded, batches, fn))
    rows = [{'way': w, 'seconds_per_epoch': statistics.median(s), 'tokens_per_s': tokens / statistics.median(s), 'runs': s}
            for w, s in seconds.items()]
    ratio = rows[1]['seconds_per_epoch'] / rows[0]['seconds_per_epoch']
    print(f"{a.examples} examples, {tokens} tokens ({targets} targets, {100 * targets / tokens:.0f}%), {len(batches)} batches of <= {a.batch_tokens} tokens, "
          f"{torch.get_num_threads()} threads")
    print(f"{'way':<28} {'s/epoch':>9} {'tokens/s':>9}")
    for r in rows: print(f"{r['way']:<28} {r['seconds_per_epoch']:>9.1f} {r['tokens_per_s']:>9.0f}")
    print(f"targets-only is {ratio:.2f}x as fast")
    out = Path('bench/results/logits_at_targets.json'); out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({'examples': a.examples, 'tokens': tokens, 'target_tokens': targets, 'batches': len(batches),
                               'batch_tokens': a.batch_tokens, 'rows': rows, 'speedup': ratio}, indent=1))


if __name__ == '__main__': main()
