"""Embedded model load time: straight from the GGUF file (the naive way) vs from envisions' cached checkpoint.

Usage: python bench/load_model.py [--repeats 3]
Prints a table and writes bench/results/load_model.json. Runs interleaved so machine noise hits both."""
import argparse, json, platform, statistics, tempfile, time
from pathlib import Path
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer
from envisions.models import embedded_gguf_path, gguf_checkpoint, load_model


def load_from_gguf(gguf: Path):
    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    return AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32), tok


def timed(fn):
    t0 = time.perf_counter(); fn(); return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--repeats', type=int, default=3); args = ap.parse_args()
    gguf = embedded_gguf_path()
    with tempfile.TemporaryDirectory() as cache:
        first = timed(lambda: gguf_checkpoint(gguf, cache))  # one-off conversion into an empty cache
        naive, cached = [], []
        for _ in range(args.repeats):
            naive.append(timed(lambda: load_from_gguf(gguf)))
            cached.append(timed(lambda: load_model(cache=cache, device='cpu')))
    rows = {'gguf (naive)': naive, 'envisions cache': cached}
    print(f"{'load path':<18}{'median s':>10}{'min s':>8}{'max s':>8}")
    for name, xs in rows.items(): print(f'{name:<18}{statistics.median(xs):>10.2f}{min(xs):>8.2f}{max(xs):>8.2f}')
    ratio = statistics.median(naive) / statistics.median(cached)
    print(f'one-off conversion into an empty cache: {first:.1f} s; cached load is {ratio:.1f}x faster than the naive load')
    out = Path(__file__).parent / 'results' / 'load_model.json'
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({'naive_s': naive, 'cached_s': cached, 'conversion_s': first, 'speedup_median': ratio,
                               'torch_threads': torch.get_num_threads(), 'machine': platform.machine()}, indent=1))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
