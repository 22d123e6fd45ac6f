"Checks on the installed package as a user gets it (the notebooks test each mechanism)."
import configparser, json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def settings_version():
    cfg = configparser.ConfigParser(delimiters=['='])
    cfg.read(ROOT / 'settings.ini')
    return cfg['DEFAULT']['version']


def test_runtime_import_needs_no_nbdev():
    code = ('import sys, json, pkgutil, importlib, envisions\n'
            'mods = [m.name for m in pkgutil.iter_modules(envisions.__path__) if not m.name.startswith("_")]\n'
            'for m in mods: importlib.import_module("envisions." + m)\n'
            'dev = sorted(k for k in sys.modules if k.split(".")[0] in ("nbdev", "execnb", "ghapi"))\n'
            'print(json.dumps({"version": envisions.__version__, "modules": mods, "dev": dev}))')
    out = json.loads(subprocess.run([sys.executable, '-c', code], check=True, capture_output=True, text=True).stdout)
    assert out['dev'] == [], f'runtime package imported dev tools: {out["dev"]}'
    assert {'core', 'models', 'cli'} <= set(out['modules'])
    assert out['version'] == settings_version()


def test_console_script_help_and_version():
    exe = BIN / 'envisions'
    assert exe.exists(), 'the envisions console script is not installed'
    help_ = subprocess.run([str(exe), '--help'], capture_output=True, text=True)
    assert help_.returncode == 0 and 'quickstart' in help_.stdout
    version = subprocess.run([str(exe), '--version'], capture_output=True, text=True)
    assert version.stdout.strip() == f'envisions {settings_version()}'


def test_cli_reports_bad_model_in_one_line(tmp_path):
    res = subprocess.run([str(BIN / 'envisions'), 'quickstart', '--model', '/no/such/model', '--out', str(tmp_path / 'run')], capture_output=True, text=True)
    assert res.returncode == 2
    assert res.stderr.startswith("envisions: error: could not load model '/no/such/model'")
    assert 'Traceback' not in res.stderr
