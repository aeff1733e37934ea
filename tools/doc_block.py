#!/usr/bin/env python3
"""Print a ```psql block for a doc page: the statement of expected/<test>.out
that starts with PREFIX, and its output, verbatim (as tools/check-doc-examples.pl
requires).

    python3 tools/doc_block.py beds "SELECT * FROM carestair.beds_needed(2.5"

Rendering templates: `tools/doc_block.py --render FILE` replaces every line
`{{example TEST | PREFIX}}` in FILE with the block, in place.
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


if __name__ == '__main__':
    if sys.argv[1] == '--render':
        for p in sys.argv[2:]:
            render(p)
    else:
        print(block(sys.argv[1], sys.argv[2]))
