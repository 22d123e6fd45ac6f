"""`envisions run` under `accelerate launch` with two CPU processes: sampling, refinement, judging and
evaluation are split between the processes, training runs with DDP, and the run folder holds the same
stages, with the same records in the same order, as a one-process run's."""
import json, os, subprocess
from run_helpers import BIN, make_run, state


def run(cfg, *launcher) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(cfg.parent), HF_HUB_OFFLINE='1', OMP_NUM_THREADS='1')
    r = subprocess.run([*launcher, 'run', str(cfg)], capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    return r


def test_two_processes_share_the_stages_and_train_with_ddp(tmp_path):
    run(make_run(tmp_path, 'one'), str(BIN / 'envisions'))
    two = run(make_run(tmp_path, 'two'), str(BIN / 'accelerate'), 'launch', '--multi_gpu', '--num_processes', '2',
              '--num_machines', '1', '--mixed_precision', 'no', '--dynamo_backend', 'no', '-m', 'envisions.cli')
    one_state, two_state = state(tmp_path / 'one'), state(tmp_path / 'two')
    assert one_state.keys() == two_state.keys()
    ids = lambda rs: [r.get('id') or r.get('task_id') if isinstance(r, dict) else None for r in rs]
    for stage, rows in one_state.items():   # the same records in the same order; sampled texts differ (each process has its own seed)
        if stage.endswith(('train_set.jsonl', 'metrics.jsonl')): continue   # these depend on what was sampled
        assert len(two_state[stage]) == len(rows), stage
        assert ids(two_state[stage]) == ids(rows), stage
    timings = [json.loads(line) for line in (tmp_path / 'two' / 'timings.jsonl').read_text().splitlines()]
    shares = {t['stage']: t.get('shares') for t in timings}
    assert shares['round0/candidates'] == [8, 8]          # 16 questions, half each
    assert shares['iter1/refined'] == [16, 16]             # 32 candidates (K=2) to refine, half each
    assert shares['iter1/eval0_greedy'] == [2, 2]          # 4 held-out questions
    assert shares['iter1/train_set'] is None               # made once, by the main process
    training = json.loads((tmp_path / 'two' / 'iter1' / 'model' / 'training.json').read_text())
    assert training['processes'] == 2 and 'MULTI_CPU' in training['distributed']
    assert two.stdout.count('held-out') == 1               # one process prints the table
    assert (tmp_path / 'two' / 'final_model').read_text() == str((tmp_path / 'two' / 'iter1' / 'model').resolve())
