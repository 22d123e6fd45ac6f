"""The book's notebooks as the checks read them: which notebooks, their code cells, and a cell's code without
its `#|` directives. Shared by tools/check_outputs.py and tools/cell_sizes.py."""
import json
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def notebooks(args) -> list[Path]:
    "The notebooks named on the command line, or else every notebook in nbs/."
    return [Path(a) for a in args] or sorted((root / 'nbs').glob('*.ipynb'))

def code_cells(path: Path):
    "(index, source, cell) of each code cell of a notebook; the index counts all its cells, as Jupyter does."
    for i, cell in enumerate(json.loads(Path(path).read_text())['cells']):
        if cell['cell_type'] == 'code': yield i, ''.join(cell['source']), cell

def without_directives(source: str) -> list[str]:
    "A cell's lines without its `#|` directives."
    return [l for l in source.splitlines() if not l.startswith('#|')]

def is_export(source: str) -> bool: return '#| export' in source
