"""Run notebooks and keep their outputs, so a reader on GitHub sees what each cell does.

Every code cell runs in order, as `nbdev_test` runs it, in the notebook's folder, and its outputs are written back
into the notebook, without progress bars; `nbdev_clean` then strips metadata and execution counts, never outputs. A cell marked
`#| heavy` (a full-size run) is skipped and keeps the outputs it has, unless --heavy is given: then it runs too
(a finished run folder makes it quick, since a run resumes from its files). Stops at the first error: that
notebook is left as it was, the ones before it are written and cleaned.

Usage: python tools/outputs.py NOTEBOOK [NOTEBOOK ...] [--heavy]   (or `make outputs NB=nbs/03_exploration.ipynb`)"""
import argparse, os, re, subprocess, sys
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

def skipped(cell, heavy: bool) -> bool:
    "Cells the run leaves alone: markdown, `#| eval: false`, and `#| heavy` unless asked."
    if cell.cell_type != 'code': return True
    source = cell.source
    return '#| eval: false' in source or ('#| heavy' in source and not heavy)

PROGRESS = re.compile(r'\d+%\|')  # a tqdm bar: "sampling:  50%|#####     | 2/4 [...]"

def without_progress_bars(text: str) -> str:
    "A stream's text without its progress bars: a reader wants the results, not the bar redrawn 40 times."
    lines = [line.split('\r')[-1] for line in text.split('\n')]
    return '\n'.join(l for l in lines if not PROGRESS.search(l))

def tidy(nb) -> None:
    "Drop progress bars from every stream output, and the outputs left empty."
    for cell in nb.cells:
        if cell.cell_type != 'code': continue
        for o in cell.get('outputs', []):
            if o.get('output_type') == 'stream': o['text'] = without_progress_bars(''.join(o['text']))
        cell['outputs'] = [o for o in cell.get('outputs', []) if o.get('output_type') != 'stream' or o['text'].strip()]

def run_notebook(path: Path, heavy: bool = False) -> int:
    "Execute `path` in its own folder, write its outputs back and clean it; nbdev_clean's exit code."
    nb, cwd = read_nb(path), os.getcwd()
    os.chdir(path.parent)
    try: CaptureShell(path).run_all(nb, exc_stop=True, preproc=lambda c: skipped(c, heavy))
    finally: os.chdir(cwd)
    tidy(nb)
    write_nb(nb, path)
    return subprocess.call([str(Path(sys.executable).parent / 'nbdev_clean'), '--fname', str(path)])  # at once: a later failure leaves it clean

def main(argv) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='+', type=Path); ap.add_argument('--heavy', action='store_true')
    a = ap.parse_args(argv)
    codes = []
    for path in a.notebooks:
        print(f'running {path}', flush=True)
        codes.append(run_notebook(path.resolve(), a.heavy))
    return max(codes)

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
