"""What the tests of `envisions run` share: a small random model, an environment of the test's own (named in
the config, as a user would name theirs) that judges deterministically, a run's config, and its state on disk."""
import json, sys
from pathlib import Path

BIN = Path(sys.executable).parent

ENVIRONMENT = '''
from envisions.core import Feedback
class ParityEnvironment:
    "Right iff the program has an even number of characters: arbitrary, but fixed."
    def feedback(self, tasks, candidates):
        return [Feedback(len(c.program) % 2 == 0, 'ok' if len(c.program) % 2 == 0 else 'wrong-answer') for c in candidates]
    def __enter__(self): return self
    def __exit__(self, *exc): pass
'''


def make_run(tmp: Path, name: str) -> Path:
    "The config (and, once, the model and environment) of a small run named `name` in `tmp`."
    from envisions.models import tiny_model
    model_dir = tmp / 'model'
    if not model_dir.exists():
        model, tok = tiny_model(hidden_size=64, num_layers=2)
        model.save_pretrained(model_dir); tok.save_pretrained(model_dir)
        (tmp / 'parity_env.py').write_text(ENVIRONMENT)
    cfg = tmp / f'{name}.yaml'
    cfg.write_text(f'model: {model_dir}\ndomain: math\nenvironment: parity_env:ParityEnvironment\ntrain_data: synthetic:16\n'
                   f'eval_data: [synthetic:4]\nrun_dir: {tmp / name}\nK: 2\niterations: 1\nmax_new_tokens: 32\nlora: false\n'
                   'epochs: 4\nbatch_tokens: 64\nlearning_rate: 0.001\neval_K: 1\n')
    return cfg


def state(run_dir: Path) -> dict:
    "Every stage file of a run (metrics without their wall times), for comparison."
    out = {}
    for p in sorted(run_dir.rglob('*.jsonl')):
        rel = str(p.relative_to(run_dir))
        if rel == 'timings.jsonl' or '/model/' in rel: continue
        rows = [json.loads(line) for line in p.read_text().splitlines()]
        out[rel] = [{k: v for k, v in r.items() if k != 'seconds'} if isinstance(r, dict) else r for r in rows]
    return out
