"""Fail if `nbdev_export` or `nbdev_clean` would change anything: nbs/ is the source of truth.

Works on a scratch copy, so the working tree is never modified by the check itself."""
import filecmp, shutil, subprocess, sys, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
bin_dir = Path(sys.executable).parent

def tree_diff(a: Path, b: Path) -> list[str]:
    "Relative paths that differ between two directory trees (ignoring caches)."
    out = []
    cmp = filecmp.dircmp(a, b, ignore=['__pycache__', '.ipynb_checkpoints'])
    def walk(c, rel):
        out.extend(str(rel / n) for n in c.left_only + c.right_only + c.diff_files + c.funny_files)
        for name, sub in c.subdirs.items(): walk(sub, rel / name)
    walk(cmp, Path(a.name))
    return out

def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copy(root / 'settings.ini', tmp)
        for d in ('nbs', 'envisions'): shutil.copytree(root / d, tmp / d, ignore=shutil.ignore_patterns('__pycache__'))
        for cmd in ('nbdev_export', 'nbdev_clean'):
            subprocess.run([str(bin_dir / cmd)], cwd=tmp, check=True)
        problems = tree_diff(root / 'envisions', tmp / 'envisions') + tree_diff(root / 'nbs', tmp / 'nbs')
    if problems:
        print('Out of sync with nbs/ (run `make export clean-nbs` and commit):', *problems, sep='\n  ')
        return 1
    print('check_sync: envisions/ matches nbs/, notebooks are clean.')
    return 0

if __name__ == '__main__': sys.exit(main())
