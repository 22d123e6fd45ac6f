"""Fail when a chapter or tutorial has lost its outputs: a reader on GitHub must see what each cell does.

A code cell that prints, draws or ends in an expression must keep an output, unless it is an export cell
(its code is the package), or marked `#| heavy` (a full-size run the tests skip). `make test` re-runs every
cell, so an output that no longer matches its code shows up in review; this check only sees that outputs are
there. Usage: python tools/check_outputs.py [NOTEBOOK ...] (default: every notebook in nbs/)."""
import ast, sys
from pathlib import Path
from book import code_cells, is_export, notebooks, without_directives

SHOWN_CALLS = {'print', 'display', 'show'}  # calls that put something on the page wherever they are

def _called(node) -> str:
    "The name a call calls: `print` for print(...), `plot_run` for plot_run(...), `show` for plt.show()."
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ''

def should_show(source: str) -> bool:
    "Does this cell's code put something on the page? (Code inside strings, such as a script a test runs, does not count.)"
    code = '\n'.join(without_directives(source))
    try: body = ast.parse(code).body
    except SyntaxError: return False
    if not body: return False
    calls = [_called(n) for n in ast.walk(ast.Module(body=body, type_ignores=[])) if isinstance(n, ast.Call)]
    if any(c in SHOWN_CALLS for c in calls): return True
    top = [_called(n.value) for n in body if isinstance(n, (ast.Expr, ast.Assign)) and isinstance(n.value, ast.Call)]
    if any(c.startswith('plot_') for c in top): return True  # a figure drawn at the top of a cell is shown
    last = body[-1]  # Jupyter shows a cell's last expression: a widget or HTML from a call, or any bare value
    if not isinstance(last, ast.Expr): return False
    if isinstance(last.value, ast.Call): return _called(last.value) in ('viewer', 'HTML')  # other calls here return None
    return not code.rstrip().endswith(';')

def missing_outputs(path: Path) -> list[str]:
    out = []
    for i, source, cell in code_cells(path):
        if is_export(source) or '#| heavy' in source or '#| hide' in source: continue
        if should_show(source) and not cell.get('outputs'):
            out.append(f"{path.name}, cell {i}: no output ({source.strip().splitlines()[-1][:70]!r})")
    return out

def main(argv) -> int:
    paths = notebooks(argv)
    problems = [p for path in paths for p in missing_outputs(path)]
    if problems:
        print(f'{len(problems)} cells lost their outputs (run the notebook, `make outputs NB=nbs/X.ipynb`):', *problems, sep='\n  ')
        return 1
    print(f'check_outputs: every showing cell of {len(paths)} notebooks has its output.')
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
