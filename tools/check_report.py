#!/usr/bin/env python3
"""Check council reports as a reader's browser would get them (tools/check-report.sh).

check_report.py html FILE...     every file parses as HTML: tags balance, no script, no external resource
check_report.py svgs FILE DIR    write each inline SVG of FILE to DIR/NN.svg (checked with xmllint)
check_report.py png FILE         the PNG screenshot is not blank (share of non-white pixels)
"""
import html.parser
import re
import struct
import sys
import zlib

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "source", "wbr", "embed", "param", "track"}


class Strict(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.svgs, self.text = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.errors.append("script element")
        for k, v in attrs:
            if k in ("src", "href") and v and re.match(r"(https?:)?//", v):
                self.errors.append("external resource %s" % v)
        if tag == "svg":
            self.svgs += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unbalanced </%s> (open: %s)" % (tag, self.stack[-3:]))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text += len(data.strip())


def check_html(files):
    bad = 0
    for f in files:
        p = Strict()
        p.feed(open(f, encoding="utf-8").read())
        p.close()
        errs = p.errors + (["unclosed %s" % p.stack] if p.stack else []) + ([] if p.text > 0 else ["no text"])
        print(("ok" if not errs else "not ok") + " - %s parses as HTML (%d svg)%s" % (f, p.svgs, "" if not errs else ": " + "; ".join(errs[:3])))
        bad += bool(errs)
    return bad


def write_svgs(f, out):
    text = open(f, encoding="utf-8").read()
    svgs = re.findall(r"<svg\b.*?</svg>", text, re.S)
    for i, s in enumerate(svgs):
        with open("%s/%02d.svg" % (out, i), "w", encoding="utf-8") as o:
            o.write(s)
    print(len(svgs))
    return 0


def png_pixels(f):
    data = open(f, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), "unsupported PNG type"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    nonwhite = total = 0
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ft == 1:
                line[x] = (line[x] + a) & 255
            elif ft == 2:
                line[x] = (line[x] + b) & 255
            elif ft == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 4):
            total += 1
            if min(line[x], line[x + 1], line[x + 2]) < 200:
                nonwhite += 1
        prev = line
    return nonwhite, total


def check_png(f):
    nonwhite, total = png_pixels(f)
    share = nonwhite / max(total, 1)
    ok = share > 0.02
    print(("ok" if ok else "not ok") + " - %s is not blank (%.1f %% of sampled pixels dark)" % (f, 100 * share))
    return 0 if ok else 1


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "html":
        sys.exit(check_html(sys.argv[2:]))
    elif cmd == "svgs":
        sys.exit(write_svgs(sys.argv[2], sys.argv[3]))
    elif cmd == "png":
        sys.exit(check_png(sys.argv[2]))
    sys.exit(2)
