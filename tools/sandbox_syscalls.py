"""Which system calls a sandbox child makes after its seccomp filter is loaded, measured with strace.

This is how the allowlist in nbs/04_sandbox.ipynb was derived and how to check it still suffices: it runs
the math and logic workloads (the generators' gold programs), lazy imports, threads, sleeps and large
allocations through one sandbox worker traced by `strace -f`, and prints, per call, how often children made
it and whether the filter refused it. Run it as root and as an ordinary user (the paths differ).

Usage: python tools/sandbox_syscalls.py     (needs strace: apt-get install strace)"""
import collections, re, shutil, sys, tempfile
from pathlib import Path
import envisions.sandbox as sb
from envisions.math_env import make_math_problems
from envisions.logic_env import make_logic_problems, parse_logic_program, solver_program


def workloads() -> list[str]:
    p = lambda body: 'def solution():\n' + '\n'.join('    ' + l for l in body.strip().splitlines())
    codes = [t.meta['program'] for t in make_math_problems(20)]
    codes += [solver_program(parse_logic_program(t.meta['program'])) for t in make_logic_problems(10)]
    return codes + [
        p('import datetime\nreturn (datetime.date(2024, 3, 1) - datetime.date(2024, 1, 1)).days'),
        p('from fractions import Fraction\nfrom decimal import Decimal\nreturn float(Fraction(1, 3) + Fraction(Decimal("0.5")))'),
        p('import statistics, random\nrandom.seed()\nreturn statistics.mean(random.random() for _ in range(100))'),
        p('import re, json, heapq\nreturn json.loads(json.dumps(heapq.nsmallest(2, [3, 1, 2]) + re.findall("a", "aa")))'),
        p('import textwrap, pprint, enum, dataclasses, typing\nreturn textwrap.dedent("  x")'),  # imported lazily
        p('import time\ntime.sleep(0.01)\nreturn time.time() > 0 and time.perf_counter() > 0 and time.process_time() >= 0'),
        p('import threading\nout = []\nt = threading.Thread(target=lambda: out.append(1))\nt.start(); t.join()\nreturn out'),
        p('import os, resource\nreturn [len(os.urandom(8)), os.cpu_count() > 0, resource.getrlimit(resource.RLIMIT_CPU)[0]]'),
        p('import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nreturn 3'),
        p('a = [bytearray(2**20) for _ in range(200)]\ndel a\nb = bytearray(2**27)\nb = b + b\nreturn len(b)'),
        p('import traceback\ntry:\n    1 / 0\nexcept Exception:\n    return len(traceback.format_exc())'),
        p('print("hello")\ntry:\n    input()\nexcept EOFError:\n    return 2'),
    ]


def main():
    if shutil.which('strace') is None: sys.exit('strace is not installed (apt-get install strace)')
    log = Path(tempfile.mkdtemp()) / 'trace'
    log.parent.chmod(0o777)
    sb._WORKER[:0] = ['strace', '-f', '-qq', '-o', str(log)]  # traced from outside bubblewrap's view of the files
    box = sb.Sandbox(workers=1, preimport=sb.DEFAULT_PREIMPORT + ('clingo', 'threading', 'time'), namespaces=False,
                     require_isolation=False)
    codes = workloads()
    results = box.run(codes)
    box.close()
    print(collections.Counter(r.status for r in results), [r.error for r in results if r.status != 'ok'])
    filtered, calls, refused = set(), collections.Counter(), {}
    for line in log.read_text().splitlines():
        m = re.match(r'(\d+) +(\w+)\(', line)
        if not m: continue
        pid, name = m.groups()
        if pid in filtered:
            calls[name] += 1
            if re.search(r'= -1 (EPERM|ENOSYS)', line): refused.setdefault(name, line[:160])
        if name == 'prctl' and 'PR_SET_SECCOMP' in line: filtered.add(pid)
    print(f'{len(codes)} programs, {len(filtered)} filtered children')
    print(f"{'call':<20}{'times':>8}  refused by the filter")
    for name, n in sorted(calls.items()): print(f"{name:<20}{n:>8}  {refused.get(name, '')}")
    shutil.rmtree(log.parent)


if __name__ == '__main__':
    main()
