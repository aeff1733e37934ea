#!/usr/bin/env python3
"""Write a national SSB 07459 export in the statbank's wide layout (semicolon,
Latin-1, CRLF, quoted labels, "K-0301 Oslo-Oslove", one column per year and
sex, Males first), from the shared extract of all 357 kommuner on 2024 borders
(ssb07459_all_kommuner_2015_2020_2025_2026.csv: 1 January 2015, 2020, 2025,
2026).

    gen_07459_wide.py ALL_KOMMUNER_CSV KOMMUNER_2024_CSV [YEARS] > export.csv

YEARS (default 2015,2020,2025,2026; or a range such as 2005-2026) lists the year columns to write.  A year
that is not in the extract is SYNTHETIC: it repeats the counts of the nearest
real year, so that a bigger file can be timed (e.g. 2005-2026, as in issue
#15); such a file is for benchmarks only, never for analysis.
"""
import csv
import sys


def main():
    src, names_file = sys.argv[1], sys.argv[2]
    spec = sys.argv[3] if len(sys.argv) > 3 else '2015,2020,2025,2026'
    if '-' in spec:
        a, b = spec.split('-')
        years = list(range(int(a), int(b) + 1))
    else:
        years = [int(y) for y in spec.split(',')]
    names = {r['kommunenummer']: r['kommunenavn'] for r in csv.DictReader(open(names_file, encoding='utf-8'))}
    real = [2015, 2020, 2025, 2026]
    col = {y: 'p%d' % min(real, key=lambda r: (abs(r - y), -r)) for y in years}
    cells = {}
    for r in csv.DictReader(open(src, encoding='utf-8')):
        cells[(r['kommunenummer'], int(r['age']), r['sex'])] = r
    out = sys.stdout.buffer
    lines = ['"07459: Population, by region, age, contents, year and sex"', '',
             '"region";"age";' + ';'.join('"Persons %d %s"' % (y, s) for y in years for s in ('Males', 'Females'))]
    for code in sorted({k[0] for k in cells}):
        for age in range(0, 106):
            label = '%d years or older' % age if age == 105 else ('1 year' if age == 1 else '%d years' % age)
            vals = [cells[(code, age, s)][col[y]] for y in years for s in ('M', 'F')]
            lines.append('"K-%s %s";"%s";%s' % (code, names[code], label, ';'.join(vals)))
    out.write(('\r\n'.join(lines) + '\r\n').encode('latin-1', errors='replace'))


main()
