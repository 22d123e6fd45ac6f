"""README.md is written from nbs/index.ipynb (the book's front page, its source): its markdown cells, with links
made relative to the repository root. `python tools/readme.py` writes it; `--check` fails when they differ."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def readme_text() -> str:
    cells = json.loads((root / 'nbs' / 'index.ipynb').read_text())['cells']
    text = '\n\n'.join(''.join(c['source']).strip('\n') for c in cells if c['cell_type'] == 'markdown') + '\n'
    text = re.sub(r'\]\(\.\./', '](', text)                 # ../bench/RESULTS.md -> bench/RESULTS.md
    return re.sub(r'\]\((images/)', r'](nbs/\1', text)      # images/x.png -> nbs/images/x.png

def main(argv) -> int:
    want = readme_text()
    if '--check' in argv:
        if (root / 'README.md').read_text() != want:
            print('README.md differs from nbs/index.ipynb (edit the notebook, then run `python tools/readme.py`)'); return 1
        print('readme: README.md matches nbs/index.ipynb.'); return 0
    (root / 'README.md').write_text(want); return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
