"`envisions eval` as a user runs it: one JSON result on stdout, and a progress bar on stderr while it samples."
import json, os, subprocess, sys
from pathlib import Path

EXE = str(Path(sys.executable).parent / 'envisions')


def test_eval_shows_progress_and_prints_the_result(tmp_path):
    from envisions.models import tiny_model
    model, tok = tiny_model()
    model.save_pretrained(tmp_path / 'tiny'); tok.save_pretrained(tmp_path / 'tiny')
    res = subprocess.run([EXE, 'eval', '--model', str(tmp_path / 'tiny'), '--data', 'synthetic:3', '--max-new-tokens', '4'],
                         capture_output=True, text=True, timeout=300, env=dict(os.environ, HF_HUB_OFFLINE='1'))
    assert res.returncode == 0, res.stderr[-2000:]
    result = json.loads(res.stdout.strip().splitlines()[-1])
    assert (result['n'], result['accuracy']) == (3, 0.0)
    bars = [line for line in res.stderr.replace('\r', '\n').splitlines() if line.startswith('sampling')]
    assert bars and '3/3' in bars[-1] and 'tokens_per_s=' in bars[-1], res.stderr[-2000:]
