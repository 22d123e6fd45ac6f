"""Sampling throughput on the embedded model: envisions' sampler vs the naive way, in the same run.

Naive = transformers `generate` one question at a time with num_return_sequences=K (top_k=0: the same
unfiltered distribution as ours, not generate's default top-k 50; stopping at the
closing fence in the generated text),
then a second forward pass (`score`) to get s(a). Ours = `envisions.exploration.sample`, which records
s(a) while sampling. Both sample 16 math questions, K=5, with the few-shot prompt, max_new_tokens=128 and
temperature 1.0. Each method runs in its own process, so its peak memory (max RSS, or CUDA max
allocated) is its own.

Usage: python bench/sampling.py [--questions 16] [--K 5] [--max-new-tokens 128] [--repeats 1]
Prints a table and writes bench/results/sampling.json."""
import argparse, json, resource, statistics, subprocess, sys, time
from pathlib import Path

QUESTIONS = [
    'A baker makes 4 trays of 12 muffins and sells 30 of them. How many muffins are left?',
    'Sam reads 15 pages a day for 6 days. How many pages does he read?',
    'A shirt costs $25 and is on sale for 20% off. What is the sale price?',
    'There are 28 students in a class and 4 students sit at each table. How many tables are needed?',
    'Lena has 3 times as many stickers as Omar. Omar has 14 stickers. How many stickers do they have together?',
    'A car uses 6 liters of fuel per 100 km. How many liters does it use for 250 km?',
    'Tom buys 5 apples at $0.40 each and a melon for $3. How much does he spend?',
    'A tank holds 500 liters and is filled at 20 liters per minute. How many minutes does it take to fill it?',
    'Mia earns $12 an hour and works 7 hours a day for 5 days. How much does she earn?',
    'A rope 36 meters long is cut into pieces of 4 meters. How many pieces are there?',
    'A school has 240 pupils; 5/8 of them walk to school. How many pupils walk?',
    'Ben is 9 years old and his mother is 4 times as old. How old will his mother be in 6 years?',
    'A garden is 12 meters long and 7 meters wide. What is its area?',
    'Ana had 50 marbles, gave 12 to Jo and then won 9. How many marbles does Ana have?',
    'A bus carries 45 people. How many buses are needed for 300 people?',
    'Three friends share a $72 bill equally and each adds a $2 tip. How much does each pay?',
]


def run_method(method, n_questions, K, max_new_tokens, seed):
    "Run one method in this process; return its measurements."
    import torch
    from envisions.core import Task, seed_everything
    from envisions.exploration import sample, score
    from envisions.models import load_model
    from envisions.prompts import STOP, explore_prompt
    model, tok = load_model(device='cpu' if not torch.cuda.is_available() else None)
    prompts = [explore_prompt(Task(f'q{i}', q, None, 'math'), few_shot=True) for i, q in enumerate(QUESTIONS[:n_questions])]
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if torch.cuda.is_available(): torch.cuda.reset_peak_memory_stats()
    seed_everything(seed)
    t0 = time.perf_counter()
    if method == 'ours':
        res = sample(model, tok, prompts, K=K, temperature=1.0, top_p=1.0, max_new_tokens=max_new_tokens, seed=seed, progress=False)
        n_tokens = sum(len(s.token_ids) for r in res for s in r)
        rewards = [s.soft_reward for r in res for s in r]
    else:
        from transformers import StoppingCriteria, StoppingCriteriaList

        class GeneratedTextStop(StoppingCriteria):
            "Stop a row once its *generated* text holds STOP (transformers' stop_strings also match across the prompt)."
            def __init__(self, prompt_len): self.prompt_len = prompt_len
            def __call__(self, input_ids, scores, **kw):
                return torch.tensor([STOP in tok.decode(r[self.prompt_len:]) for r in input_ids], device=input_ids.device)

        completions, flat_prompts = [], []
        for p in prompts:
            inputs = tok(p, return_tensors='pt').to(model.device)
            n = inputs.input_ids.shape[1]
            with torch.no_grad():
                out = model.generate(**inputs, do_sample=True, temperature=1.0, top_p=1.0, top_k=0, num_return_sequences=K,
                                     max_new_tokens=max_new_tokens, pad_token_id=tok.pad_token_id,
                                     stopping_criteria=StoppingCriteriaList([GeneratedTextStop(n)]))
            for row in out[:, n:].tolist():
                kept = []
                for t in row:  # up to and including EOS or the token completing STOP; the rest is padding
                    kept.append(t)
                    if t == tok.eos_token_id or STOP in tok.decode(kept): break
                completions.append(kept); flat_prompts.append(p)
        logps = score(model, tok, flat_prompts, completions)  # the second forward pass for s(a)
        n_tokens = sum(len(c) for c in completions)
        rewards = [sum(l) / len(l) for l in logps if l]
    seconds = time.perf_counter() - t0
    peak = (torch.cuda.max_memory_allocated() / 2**20) if torch.cuda.is_available() else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {'method': method, 'seconds': seconds, 'tokens': n_tokens, 'tokens_per_s': n_tokens / seconds,
            'peak_mib': peak, 'rss_after_load_mib': rss_loaded, 'device': str(model.device),
            'mean_soft_reward': statistics.mean(rewards), 'torch_threads': torch.get_num_threads()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', type=int, default=16); ap.add_argument('--K', type=int, default=5)
    ap.add_argument('--max-new-tokens', type=int, default=128); ap.add_argument('--repeats', type=int, default=1)
    ap.add_argument('--seed', type=int, default=0); ap.add_argument('--child', default=None)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(run_method(a.child, a.questions, a.K, a.max_new_tokens, a.seed))); return
    runs = []
    for r in range(a.repeats):
        for method in ('ours', 'naive'):  # interleaved, so machine noise hits both
            cmd = [sys.executable, __file__, '--child', method, '--questions', str(a.questions), '--K', str(a.K),
                   '--max-new-tokens', str(a.max_new_tokens), '--seed', str(a.seed + r)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1])); print('.', end='', flush=True, file=sys.stderr)
    med = lambda m, k: statistics.median(x[k] for x in runs if x['method'] == m)
    print(f"\n{a.questions} questions x K={a.K}, few-shot math prompt, max_new_tokens={a.max_new_tokens}, temperature 1.0, device {runs[0]['device']}")
    print(f"{'method':<8}{'tokens/s':>10}{'tokens':>9}{'seconds':>9}{'peak MiB':>10}{'after load MiB':>16}")
    for m in ('ours', 'naive'):
        print(f"{m:<8}{med(m, 'tokens_per_s'):>10.1f}{med(m, 'tokens'):>9.0f}{med(m, 'seconds'):>9.1f}{med(m, 'peak_mib'):>10.0f}{med(m, 'rss_after_load_mib'):>16.0f}")
    ratio = med('ours', 'tokens_per_s') / med('naive', 'tokens_per_s')
    print(f'ours / naive tokens/s: {ratio:.2f}x (target >= 4x)')
    out = Path(__file__).parent / 'results' / 'sampling.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'args': vars(a), 'runs': runs, 'speedup_median': ratio}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
