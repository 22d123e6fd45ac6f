"""How long are the book's code cells? The median code cell, and every export cell over 40 lines.

A cell's length counts its lines of code: not blank lines, not `#|` directives. An export cell over the limit
passes when its first five lines carry a comment that starts `# long:` and says why it stays whole.
Usage: python tools/cell_sizes.py [--limit 40] [--median 6] [NOTEBOOK ...]; exits 1 when a bound is broken."""
import argparse, statistics, sys
from book import code_cells, is_export, notebooks, without_directives

def code_lines(source: str) -> list[str]:
    return [l for l in without_directives(source) if l.strip()]

def main(argv) -> int:
    ap = argparse.ArgumentParser(); ap.add_argument('notebooks', nargs='*')
    ap.add_argument('--limit', type=int, default=40); ap.add_argument('--median', type=float, default=6)
    a = ap.parse_args(argv)
    paths = notebooks(a.notebooks)
    sizes, long = [], []
    for path in paths:
        for i, source, _ in code_cells(path):
            lines = code_lines(source)
            sizes.append(len(lines))
            said_why = any(l.lstrip().startswith('# long:') for l in lines[:5])
            if is_export(source) and len(lines) > a.limit and not said_why: long.append(f'{path.name}, cell {i}: {len(lines)} lines ({lines[0][:60]!r})')
    median = statistics.median(sizes) if sizes else 0
    print(f'{len(sizes)} code cells in {len(paths)} notebooks: median {median} lines, {sum(n > 20 for n in sizes)} over 20; '
          f'{len(long)} export cells over {a.limit} lines without a "# long:" reason')
    for l in long: print('  ' + l)
    return 0 if median <= a.median and not long else 1

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
