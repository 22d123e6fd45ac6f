"""`envisions run` killed with SIGKILL in the middle of sampling, and in the middle of training, then run
again: it must end in exactly the state of an uninterrupted run with the same seed (every stage file
equal, the same metrics), and leave no partial file behind.

The run uses a small random model and an environment of the test's own (named in the config, as a user
would name theirs) that judges deterministically, so there are right and wrong candidates, refinement
and training without a trained model."""
import json, os, re, signal, subprocess, sys, time
from pathlib import Path
import pytest

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


def start(cfg: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(cfg.parent), HF_HUB_OFFLINE='1')
    return subprocess.Popen([str(BIN / 'envisions'), 'run', str(cfg)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def kill_when(proc: subprocess.Popen, pattern: str, nth: int = 1, timeout: float = 300) -> None:
    "SIGKILL `proc` as soon as its progress output (stderr) shows `pattern` for the nth time."
    os.set_blocking(proc.stderr.fileno(), False)
    seen, deadline = b'', time.time() + timeout
    while len(re.findall(pattern.encode(), seen)) < nth:
        assert proc.poll() is None, f'the run ended before {pattern!r} appeared: {seen[-2000:].decode(errors="replace")}'
        assert time.time() < deadline, f'no {pattern!r} within {timeout} s'
        seen += proc.stderr.read() or b''
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL); proc.wait()


def state(run_dir: Path) -> dict:
    "Every stage file of a run (metrics without their wall times), for comparison."
    out = {}
    for p in sorted(run_dir.rglob('*.jsonl')):
        rel = str(p.relative_to(run_dir))
        if rel == 'timings.jsonl' or '/model/' in rel: continue
        rows = [json.loads(line) for line in p.read_text().splitlines()]
        out[rel] = [{k: v for k, v in r.items() if k != 'seconds'} if isinstance(r, dict) else r for r in rows]
    return out


def finish(cfg: Path) -> None:
    proc = start(cfg)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode(errors='replace')[-3000:]


@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    "One folder with the model, the environment and an uninterrupted run, shared by the kill tests."
    tmp = tmp_path_factory.mktemp('resume')
    finish(make_run(tmp, 'clean'))
    return tmp


@pytest.mark.parametrize('stage, pattern, nth, unfinished', [
    ('sampling', r'sampling:', 2, 'iter1/candidates.jsonl'),   # the second sampling bar: iteration 1's exploration
    ('training', r'training:', 1, 'iter1/model'),
])
def test_run_killed_mid_stage_resumes_to_the_uninterrupted_state(workdir, stage, pattern, nth, unfinished):
    tmp_path = workdir
    killed = make_run(tmp_path, f'killed-{stage}')
    kill_when(start(killed), pattern, nth)
    run_dir = tmp_path / f'killed-{stage}'
    assert not (run_dir / unfinished).exists(), f'the kill came too late: {unfinished} was already finished'
    finish(killed)
    assert state(run_dir) == state(tmp_path / 'clean')
    assert (run_dir / 'iter1' / 'model' / 'config.json').exists()
    assert not [p for p in run_dir.rglob('*') if '.partial' in p.name]
    # the model trained after the kill equals the uninterrupted run's, weight for weight
    from safetensors.torch import load_file
    a, b = (load_file(d / 'iter1' / 'model' / 'model.safetensors') for d in (run_dir, tmp_path / 'clean'))
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
