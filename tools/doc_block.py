#!/usr/bin/env python3
"""Print a ```psql block for a doc page: the statement of expected/<test>.out
that starts with PREFIX, and its output, verbatim (as tools/check-doc-examples.pl
requires).

    python3 tools/doc_block.py beds "SELECT * FROM carestair.beds_needed(2.5"

Rendering templates: `tools/doc_block.py --render FILE` replaces every line
`{{example TEST | PREFIX}}` in FILE with the block, in place; `--refresh FILE`
re-takes every existing block from the current expected outputs.
"""
import re
import sys

STATEMENT_START = re.compile(r'^(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|WITH|EXPLAIN|SET|RESET|DO|\\|-- )')


def block(test, prefix):
    lines = open('expected/%s.out' % test, encoding='utf-8').read().split('\n')
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            out = [line]
            for nxt in lines[i + 1:]:
                if STATEMENT_START.match(nxt):
                    break
                out.append(nxt)
            while out and out[-1] == '':
                out.pop()
            return '```psql\n' + '\n'.join(out) + '\n```'
    raise SystemExit('no statement starting with %r in expected/%s.out' % (prefix, test))


def render(path):
    text = open(path, encoding='utf-8').read()

    def repl(m):
        return block(m.group(1).strip(), m.group(2).strip())
    text = re.sub(r'^\{\{example (.+?) \| (.+?)\}\}$', repl, text, flags=re.M)
    open(path, 'w', encoding='utf-8').write(text)


def refresh(path):
    """Re-take every ```psql block from the expected output of the test it
    quotes (found by its first line), after an intended change of output."""
    text = open(path, encoding='utf-8').read()
    tests = sorted(p[len('expected/'):-len('.out')] for p in __import__('glob').glob('expected/*.out'))

    def repl(m):
        first = m.group(1).split('\n', 1)[0]
        for t in tests:
            try:
                return block(t, first)
            except SystemExit:
                continue
        raise SystemExit('%s: no expected output has %r' % (path, first))
    text = re.sub(r'^```psql\n(.*?)\n```$', repl, text, flags=re.M | re.S)
    open(path, 'w', encoding='utf-8').write(text)


if __name__ == '__main__':
    if sys.argv[1] == '--refresh':
        for p in sys.argv[2:]:
            refresh(p)
    elif sys.argv[1] == '--render':
        for p in sys.argv[2:]:
            render(p)
    else:
        print(block(sys.argv[1], sys.argv[2]))
