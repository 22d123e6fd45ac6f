"`envisions check` as a user runs it: JSON lines on stdout in input order, exit 0; a malformed record exits 2 naming the line."
import json, subprocess, sys
from pathlib import Path

EXE = str(Path(sys.executable).parent / 'envisions')


def run_check(tmp_path, domain, lines):
    f = tmp_path / 'in.jsonl'
    f.write_text('\n'.join(lines) + '\n')
    return subprocess.run([EXE, 'check', domain, str(f)], capture_output=True, text=True, timeout=120)


def test_check_math(tmp_path):
    res = run_check(tmp_path, 'math', [json.dumps({'program': 'def solution():\n    return 6 * 7', 'answer': 42}),
                                       json.dumps({'program': 'def solution():\n    while True: pass', 'answer': 1})])
    assert res.returncode == 0, res.stderr
    out = [json.loads(l) for l in res.stdout.splitlines()]
    assert out == [{'correct': True, 'status': 'ok', 'value': 42, 'error': None},
                   {'correct': False, 'status': 'timeout', 'value': None, 'error': 'CPU time limit of 2 s'}]


def test_check_logic(tmp_path):
    prog = 'Facts:\nRed(Anne, True)\nRules:\nRed($x, True) >>> Kind($x, False)\nQuery:\nKind(Anne, True)'
    res = run_check(tmp_path, 'logic', [json.dumps({'program': prog, 'answer': 'False'}), json.dumps({'program': prog, 'answer': 'True'})])
    assert res.returncode == 0, res.stderr
    assert [json.loads(l) for l in res.stdout.splitlines()] == [
        {'correct': True, 'prediction': 'False', 'error': None},
        {'correct': False, 'prediction': 'False', 'error': 'answered False, expected True'}]


def test_check_malformed_record_names_the_line(tmp_path):
    res = run_check(tmp_path, 'logic', [json.dumps({'program': 'x', 'answer': 'True'}), '{"program": "x", "answer": "Yes"}'])
    assert res.returncode == 2 and res.stdout == ''
    assert 'in.jsonl, line 2: field \'answer\' must be "True", "False" or "Unknown"' in res.stderr
    res = run_check(tmp_path, 'math', ['{"program": "x", "answer": 1', ''])
    assert res.returncode == 2 and 'in.jsonl, line 1: not valid JSON' in res.stderr
