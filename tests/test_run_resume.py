"""`envisions run` killed with SIGKILL in the middle of sampling, and in the middle of training, then run
again: it must end in exactly the state of an uninterrupted run with the same seed (every stage file
equal, the same metrics, the same weights), and leave no partial file behind. A LoRA run is killed in its
second training, so that the resumed run skips the first one: its new adapters must still be the same.

The run (tests/run_helpers.py) uses a small random model and an environment that judges deterministically,
so there are right and wrong candidates, refinement and training without a trained model."""
import os, re, signal, subprocess, time
from pathlib import Path
import pytest
from run_helpers import BIN, make_run, state

LORA = {'lora': 'true', 'iterations': 2, 'learning_rate': 0.01, 'train_data': 'synthetic:8', 'epochs': 2}


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


def kill_after(proc: subprocess.Popen, path: Path, timeout: float = 300) -> None:
    "SIGKILL `proc` as soon as `path` exists (a stage just before the one to cut short)."
    os.set_blocking(proc.stderr.fileno(), False)
    deadline = time.time() + timeout
    while not path.exists():
        proc.stderr.read()   # keep the pipe drained
        assert proc.poll() is None, f'the run ended before {path} appeared'
        assert time.time() < deadline, f'no {path} within {timeout} s'
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL); proc.wait()


def finish(cfg: Path) -> None:
    proc = start(cfg)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode(errors='replace')[-3000:]


@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    "One folder with the model, the environment and the uninterrupted runs, shared by the kill tests."
    tmp = tmp_path_factory.mktemp('resume')
    finish(make_run(tmp, 'clean'))
    finish(make_run(tmp, 'clean-lora', **LORA))
    return tmp


@pytest.mark.parametrize('stage, unfinished', [
    ('sampling', 'iter1/candidates.jsonl'),
    ('training', 'iter1/model'),
    ('lora-training', 'iter2/model'),
])
def test_run_killed_mid_stage_resumes_to_the_uninterrupted_state(workdir, stage, unfinished):
    tmp_path, lora = workdir, stage.startswith('lora')
    killed = make_run(tmp_path, f'killed-{stage}', **(LORA if lora else {}))
    run_dir, clean = tmp_path / f'killed-{stage}', tmp_path / ('clean-lora' if lora else 'clean')
    proc = start(killed)
    if stage == 'sampling': kill_when(proc, r'sampling:', 2)   # the second sampling bar: iteration 1's exploration
    elif stage == 'training': kill_when(proc, r'training:', 1)
    else: kill_after(proc, run_dir / 'iter2' / 'train_set.jsonl')   # iteration 2's training has just begun
    assert not (run_dir / unfinished).exists(), f'the kill came too late: {unfinished} was already finished'
    finish(killed)
    assert state(run_dir) == state(clean)
    model = run_dir / unfinished.split('/')[0] / 'model'
    assert (model / ('adapter_config.json' if lora else 'config.json')).exists()
    assert not [p for p in run_dir.rglob('*') if '.partial' in p.name]
    # the model trained after the kill equals the uninterrupted run's, weight for weight
    from safetensors.torch import load_file
    name = 'adapter_model.safetensors' if lora else 'model.safetensors'
    a, b = (load_file(d / model.relative_to(run_dir) / name) for d in (run_dir, clean))
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
