"""Fail when a chapter or tutorial has lost its outputs: a reader on GitHub must see what each cell does.

A code cell that prints, draws or ends in an expression must keep an output, unless it is an export cell
(its code is the package), or marked `#| heavy` (a full-size run the tests skip). `make test` re-runs every
cell, so an output that no longer matches its code shows up in review; this check only sees that outputs are
there. Usage: python tools/check_outputs.py [NOTEBOOK ...] (default: every notebook in nbs/)."""
import ast, json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
SHOWS = ('print(', 'plot_', 'plt.', 'display(', 'viewer(', '.show(')

def should_show(source: str) -> bool:
    "Does this cell's code put something on the page?"
    lines = [l for l in source.splitlines() if not l.startswith('#|')]
    code = '\n'.join(lines)
    if any(s in code for s in SHOWS): return True
    try: body = ast.parse(code).body
    except SyntaxError: return False
    last = body[-1] if body else None   # a bare expression at the end is shown by Jupyter (a call returning None is not)
    return isinstance(last, ast.Expr) and not isinstance(last.value, ast.Call) and not code.rstrip().endswith(';')

def missing_outputs(path: Path) -> list[str]:
    out = []
    for i, cell in enumerate(json.loads(path.read_text())['cells']):
        source = ''.join(cell['source'])
        if cell['cell_type'] != 'code' or '#| export' in source or '#| heavy' in source or '#| hide' in source: continue
        if should_show(source) and not cell.get('outputs'):
            out.append(f"{path.name}, cell {i}: no output ({source.strip().splitlines()[-1][:70]!r})")
    return out

def main(argv) -> int:
    paths = [Path(a) for a in argv] or sorted((root / 'nbs').glob('*.ipynb'))
    problems = [p for path in paths for p in missing_outputs(path)]
    if problems:
        print(f'{len(problems)} cells lost their outputs (run the notebook, e.g. `make outputs NB=...`, then `make clean-nbs`):', *problems, sep='\n  ')
        return 1
    print(f'check_outputs: every showing cell of {len(paths)} notebooks has its output.')
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
