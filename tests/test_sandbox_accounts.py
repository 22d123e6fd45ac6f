"""The sandbox as an ordinary (non-root) account sees it: every hostile program contained, and a pool with
seccomp as its only layer refused. As root, the tests create such an account (useradd) and run as it (runuser),
granting it only the right to pass through (not list) the folders above the interpreter, e.g. root's home."""
import contextlib, os, pwd, shutil, subprocess, sys
from pathlib import Path
import pytest

ACCOUNT = 'envisions-sandbox-test'
PY = sys.executable


def _folders_to_pass() -> list[str]:
    "The folders above the interpreter and this package that the account could not pass through."
    import envisions
    need = {os.path.realpath(p) for p in (PY, sys.prefix, sys.base_prefix, envisions.__path__[0])}
    out = set()
    for path in need:
        for parent in Path(path).parents:
            if not os.stat(parent).st_mode & 0o001: out.add(str(parent))
    return sorted(out)


@contextlib.contextmanager
def ordinary_account():
    "A command prefix that runs as an ordinary account: nothing when we are not root, else a fresh account."
    if os.geteuid() != 0:
        yield [], os.environ.get('HOME', '/')
        return
    for tool in ('useradd', 'userdel', 'runuser', 'setfacl', 'getfacl'):
        assert shutil.which(tool), f'{tool} is needed to test as an ordinary account (make setup installs acl)'
    try: pwd.getpwnam(ACCOUNT)
    except KeyError: subprocess.run(['useradd', '--create-home', ACCOUNT], check=True)
    home = pwd.getpwnam(ACCOUNT).pw_dir
    folders = _folders_to_pass()
    saved = subprocess.run(['getfacl', '--absolute-names', *folders], capture_output=True, text=True, check=True).stdout
    for f in folders: subprocess.run(['setfacl', '-m', f'u:{ACCOUNT}:x', f], check=True)
    try:
        yield ['runuser', '-u', ACCOUNT, '--', 'env', f'HOME={home}'], home
    finally:  # the folders' permissions exactly as they were
        if folders: subprocess.run(['setfacl', '--restore=-'], input=saved, text=True, check=False)
        subprocess.run(['userdel', '--remove', ACCOUNT], check=False, capture_output=True)


@pytest.fixture(scope='module')
def account():
    with ordinary_account() as prefix_and_home: yield prefix_and_home


def run_as(account, *args, env=None):
    prefix, home = account
    extra = [f'{k}={v}' for k, v in (env or {}).items()]
    cmd = prefix + (['env'] if not prefix and extra else []) + extra + [PY, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd='/')


def test_hostile_programs_contained_as_an_ordinary_user(account):
    res = run_as(account, '-m', 'envisions.sandbox', '--self-check')
    print(res.stdout[-6000:], res.stderr[-3000:])
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]  # the checking process (the trainer) was not killed
    lines = res.stdout.splitlines()
    assert lines[0].startswith('sandbox: 2 workers; on: network, filesystem, processes, seccomp; namespaces: bubblewrap'), lines[0]
    assert lines[-1].endswith('hostile programs: all contained'), lines[-1]


WEAK = 'from envisions.sandbox import Sandbox\nwith Sandbox(workers=1, namespaces=False) as box: print(box.run(["def solution():\\n    return 8"])[0].value)'


def test_seccomp_alone_is_refused_with_the_fix(account):
    res = run_as(account, '-c', WEAK)
    assert res.returncode != 0
    err = res.stderr.strip().splitlines()[-1]
    assert err.startswith('envisions.sandbox.SandboxUnavailable: sandbox: seccomp is the only layer'), err
    assert 'apt-get install bubblewrap' in err and 'ENVISIONS_ALLOW_WEAK_SANDBOX=1' in err


def test_seccomp_alone_runs_when_the_user_says_so(account):
    res = run_as(account, '-c', WEAK, env={'ENVISIONS_ALLOW_WEAK_SANDBOX': '1'})
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == '8' and 'UserWarning: sandbox: seccomp is the only layer' in res.stderr
