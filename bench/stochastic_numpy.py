#!/usr/bin/python3
"""numpy equivalent of carestair.project_population_intervals for the bench.

Same model as src/stochastic_kernel.c + src/projection_kernel.c (systematic
components only: AR(1) log fertility, random-walk mortality index, AR(1) log
immigration and emigration; no demographic noise), same inputs (exported by
bench/stochastic_bench.sh), same outputs (mean and quantiles 5/25/50/75/95 per
region, year, sex and 'care' age group plus all ages, from the draws of each
total).  Vectorised over the draws; regions one after another, as one
PostgreSQL backend would.  numpy's generator (PCG64) differs from carestair's
xoshiro256**, so results agree in distribution, not draw by draw.

usage: stochastic_numpy.py inputs.csv draws years
prints: regions, wall seconds, cell-years per second, and the sum over regions
of the median and mean total population in the last year (a sanity check
against the SQL run).
"""
import csv
import sys
import time

import numpy as np

# The parameter set 'round' (carestair.stochastic_parameter_set), which the
# bench scenario uses (bench/stochastic_setup.sql).
FERT_SD, FERT_AR = 0.05, 0.95
MORT_DRIFT, MORT_SD = 0.0, 0.03
IMM_SD, IMM_AR = 0.15, 0.7
EMI_SD, EMI_AR = 0.10, 0.7
SRB, K0 = 1.055, 0.5
PROBS = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
CARE = [(0, 5), (6, 15), (16, 66), (67, 79), (80, 89), (90, None)]


def arr(s):
    return np.array([float(x) for x in s.strip('{}').split(',')])


def level_paths(rng, draws, years):
    """Multipliers [4, years, draws] with the parameters above."""
    eps = rng.standard_normal((years, 4, draws))
    out = np.empty((4, years, draws))
    x = np.zeros(draws); k = np.zeros(draws); y = np.zeros(draws); z = np.zeros(draws)
    for t in range(years):
        x = FERT_AR * x + FERT_SD * eps[t, 0]
        k = k + MORT_DRIFT + MORT_SD * eps[t, 1]
        y = IMM_AR * y + IMM_SD * eps[t, 2]
        z = EMI_AR * z + EMI_SD * eps[t, 3]
        out[0, t], out[1, t], out[2, t], out[3, t] = np.exp(x), np.exp(k), np.exp(y), np.exp(z)
    return out


def project(base, f, q, imm, emi, mult, years):
    """One region: the stored group totals [years, 3, groups, draws]."""
    draws = mult.shape[2]
    n = base.size // 2
    A = n - 1
    groups = [(0, A)] + [(lo, A if hi is None else hi) for lo, hi in CARE]
    P = np.broadcast_to(base.reshape(2, n), (draws, 2, n)).copy()
    q = q.reshape(2, n); imm = imm.reshape(2, n); emi = emi.reshape(2, n)
    store = np.empty((years, 3, len(groups), draws))
    S = np.empty_like(P)
    for t in range(years):
        fm, qm, im, em = (mult[j, t][:, None, None] for j in range(4))
        S[:, :, 1:A] = P[:, :, 0:A - 1]
        S[:, :, A] = P[:, :, A - 1] + P[:, :, A]
        ee = np.minimum(emi * em, 1.0)
        qq = np.minimum(q * qm, 1.0)
        I = imm * im
        E = ee * S
        D = qq * (S + 0.5 * (I - E))
        end = S - D - E + I
        B = ((f[1:] * (S[:, 1, 1:] + end[:, 1, 1:])).sum(axis=1) * 0.5) * mult[0, t]
        N = np.stack([B * SRB / (1 + SRB), B / (1 + SRB)], axis=1)
        E0 = ee[:, :, 0] * N
        D0 = qq[:, :, 0] * (N + K0 * (I[:, :, 0] - E0))
        end[:, :, 0] = N - D0 - E0 + I[:, :, 0]
        np.maximum(end, 0.0, out=end)
        P = end
        for g, (lo, hi) in enumerate(groups):
            s = P[:, :, lo:hi + 1].sum(axis=2)
            store[t, 0, g] = s[:, 0]
            store[t, 1, g] = s[:, 1]
            store[t, 2, g] = s[:, 0] + s[:, 1]
    return store


def main():
    path, draws, years = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rows = []
    with open(path) as fh:
        for r in csv.reader(fh):
            rows.append((r[0], arr(r[1]), arr(r[2]), arr(r[3]), arr(r[4]), arr(r[5])))
    rng = np.random.default_rng(1)
    t0 = time.perf_counter()
    mult = level_paths(rng, draws, years)
    med_sum = mean_sum = 0.0
    for region, base, f, q, imm, emi in rows:
        store = project(base, f, q, imm, emi, mult, years)
        qs = np.quantile(store, PROBS, axis=-1)
        mean = store.mean(axis=-1)
        med_sum += qs[2, years - 1, 2, 0]
        mean_sum += mean[years - 1, 2, 0]
    wall = time.perf_counter() - t0
    cells = len(rows) * rows[0][1].size * years * draws
    print(f"numpy: {len(rows)} regions, {wall:.2f} s, {cells / wall:,.0f} cell-years/s; "
          f"last year: sum of medians {med_sum:,.0f}, sum of means {mean_sum:,.0f}")
    print(f"numpy_seconds={wall:.3f}")


if __name__ == '__main__':
    main()
