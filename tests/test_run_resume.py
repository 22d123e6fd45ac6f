"""`envisions run` killed with SIGKILL in the middle of sampling, and in the middle of training, then run
again: it must end in exactly the state of an uninterrupted run with the same seed (every stage file
equal, the same metrics), and leave no partial file behind.

The run (tests/run_helpers.py) uses a small random model and an environment that judges deterministically,
so there are right and wrong candidates, refinement and training without a trained model."""
import os, re, signal, subprocess, time
from pathlib import Path
import pytest
from run_helpers import BIN, make_run, state


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
