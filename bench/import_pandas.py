#!/usr/bin/env python3
"""The pandas baseline of bench/import.sh: read an SSB 07459 export in the
statbank's wide layout (semicolon, Latin-1, title line, "K-0301 Oslo" labels,
one column per year and sex), reshape it to one row per region, year, sex and
age, and write CSV on stdout for psql's \\copy.  Only what the happy path needs:
no validation, no code history, no error messages naming lines.
"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], sep=';', encoding='latin-1', skiprows=2, dtype=str)
long = df.melt(id_vars=['region', 'age'], var_name='col', value_name='persons')
parts = long['col'].str.extract(r'^Persons (\d{4}) (Males|Females)$')
out = pd.DataFrame({
    'region': long['region'].str.extract(r'^(?:K-)?(\d{4})')[0],
    'year': parts[0].astype(int),
    'sex': (parts[1] == 'Females').astype(int) + 1,
    'age': long['age'].str.extract(r'^(\d+)')[0].astype(int),
    'persons': long['persons'].astype(int),
    'is_open_age': long['age'].str.contains('older'),
})
out.to_csv(sys.stdout, index=False, header=False)
