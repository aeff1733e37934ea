"""bench/projection_numpy.py: the cohort-component method of doc/projection.md
as a data scientist would run it next to the database: read the inputs with
psycopg2, project all kommuner at once with numpy (vectorised over regions,
sexes and ages, one loop over years), write the results back with COPY.
Baseline for bench/projection_bench.sh; usage: projection_numpy.py LAST_YEAR."""
import io
import sys

import numpy as np
import psycopg2

N_AGES = 106
SRB = 1.055


def fetch(cur, sql):
    cur.execute(sql)
    return cur.fetchall()


def main(last_year):
    conn = psycopg2.connect(dbname="postgres")
    cur = conn.cursor()
    pop = fetch(cur, "SELECT region, year, sex, age, persons FROM bench.population")
    regions = sorted({r[0] for r in pop})
    idx = {r: i for i, r in enumerate(regions)}
    n_reg = len(regions)
    base = pop[0][1]

    def cube(rows, width=2):
        out = np.zeros((n_reg, width, N_AGES))
        for row in rows:
            if width == 2:
                out[idx[row[0]], row[1] - 1, row[2]] = row[3]
            else:
                out[idx[row[0]], 0, row[1]] = row[2]
        return out

    p = cube([(r, s, a, v) for r, _, s, a, v in pop])
    q = cube(fetch(cur, "SELECT region, sex, age, q FROM bench.mortality"))
    mig = fetch(cur, "SELECT region, sex, age, immigrants, emigration_rate FROM bench.migration")
    imm = cube([(r, s, a, i) for r, s, a, i, _ in mig])
    er = cube([(r, s, a, e) for r, s, a, _, e in mig])
    f = cube(fetch(cur, "SELECT region, age, rate FROM bench.fertility"), width=1)[:, 0, :]

    years = last_year - base
    out_p = np.empty((years, n_reg, 2, N_AGES))
    out_d = np.empty_like(out_p)
    out_e = np.empty_like(out_p)
    for t in range(years):
        s = np.empty_like(p)
        s[:, :, 1:-1] = p[:, :, :-2]
        s[:, :, -1] = p[:, :, -2] + p[:, :, -1]
        em = er * s
        d = q * (s + 0.5 * (imm - em))
        nx = s - d - em + imm
        births = (f[:, 1:] * (s[:, 1, 1:] + nx[:, 1, 1:]) / 2).sum(axis=1)
        s[:, 0, 0] = births * SRB / (1 + SRB)
        s[:, 1, 0] = births / (1 + SRB)
        em[:, :, 0] = er[:, :, 0] * s[:, :, 0]
        d[:, :, 0] = q[:, :, 0] * (s[:, :, 0] + 0.5 * (imm[:, :, 0] - em[:, :, 0]))
        nx[:, :, 0] = s[:, :, 0] - d[:, :, 0] - em[:, :, 0] + imm[:, :, 0]
        out_p[t], out_d[t], out_e[t] = nx, d, em
        p = nx

    # Long format: year, region, sex, age.
    yy, rr, ss, aa = np.meshgrid(np.arange(base + 1, last_year + 1), np.arange(n_reg),
                                 np.arange(1, 3), np.arange(N_AGES), indexing="ij")
    codes = np.array([int(r) for r in regions])
    table = np.column_stack([codes[rr.ravel()], yy.ravel(), ss.ravel(), aa.ravel(),
                             out_p.ravel(), out_d.ravel(), out_e.ravel(),
                             np.broadcast_to(imm, out_p.shape).ravel()])
    buf = io.StringIO()
    np.savetxt(buf, table, fmt=["%04d", "%d", "%d", "%d", "%.17g", "%.17g", "%.17g", "%.17g"], delimiter="\t")
    buf.seek(0)
    cur.execute("CREATE TABLE bench.result_numpy (region text, year integer, sex integer, age integer, "
                "persons float8, deaths float8, emigrants float8, immigrants float8)")
    cur.copy_expert("COPY bench.result_numpy FROM STDIN", buf)
    conn.commit()
    conn.close()


if __name__ == "__main__":
    main(int(sys.argv[1]))
