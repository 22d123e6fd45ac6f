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


def test_check_judges_a_model_reply_as_a_run_does(tmp_path):
    "A record holding a model's reply (prose around a fenced block) is judged on the extracted program, as the loop judges a candidate."
    from envisions.core import Candidate, Task
    from envisions.math_env import MathEnvironment
    from envisions.prompts import extract_program
    replies = ['Here is the program:\n```python\ndef solution():\n    return 6 * 7\n```\nIt returns 42.',
               '```python\ndef solution():\n    return 6 * 8\n```']
    res = run_check(tmp_path, 'math', [json.dumps({'program': r, 'answer': 42}) for r in replies])
    assert res.returncode == 0, res.stderr
    out = [json.loads(l) for l in res.stdout.splitlines()]
    tasks = [Task(f't{i}', 'q', 42, 'math') for i in range(len(replies))]
    with MathEnvironment(workers=1) as env:   # the loop's judge, on candidates as the sampler makes them
        fb = env.feedback(tasks, [Candidate(f'c{i}', t.id, r, program=extract_program(r)) for i, (t, r) in enumerate(zip(tasks, replies))])
    assert [(o['correct'], o['status'], o['value']) for o in out] == [(f.correct, f.status, f.value) for f in fb] == [(True, 'ok', 42), (False, 'wrong-answer', 48)]
    help_ = subprocess.run([EXE, 'check', '--help'], capture_output=True, text=True).stdout
    assert 'exactly as a run judges' in ' '.join(help_.split()), help_
