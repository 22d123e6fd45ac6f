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


def make_run(tmp: Path, name: str, **overrides) -> Path:
    "The config (and, once, the model and environment) of a small run named `name` in `tmp`; `overrides`: other YAML values."
    from envisions.models import tiny_model
    model_dir = tmp / 'model'
    if not model_dir.exists():
        model, tok = tiny_model(hidden_size=64, num_layers=2)
        model.save_pretrained(model_dir); tok.save_pretrained(model_dir)
        (tmp / 'parity_env.py').write_text(ENVIRONMENT)
    settings = {'model': model_dir, 'domain': 'math', 'environment': 'parity_env:ParityEnvironment', 'train_data': 'synthetic:16',
                'eval_data': '[synthetic:4]', 'run_dir': tmp / name, 'K': 2, 'iterations': 1, 'max_new_tokens': 32, 'lora': 'false',
                'epochs': 4, 'batch_tokens': 64, 'learning_rate': 0.001, 'eval_K': 1} | overrides
    cfg = tmp / f'{name}.yaml'
    cfg.write_text(''.join(f'{k}: {v}\n' for k, v in settings.items()))
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
