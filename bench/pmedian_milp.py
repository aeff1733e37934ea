#!/usr/bin/python3
"""Exact p-median by MILP (PuLP + CBC, Debian's /usr/bin/cbc), the baseline of
bench/legevakt.sh.

Reads "point,site,cost,weight" CSV rows on stdin (every pair present), solves
    min sum_ij w_i c_ij x_ij  s.t.  sum_j x_ij = 1,  x_ij <= y_j,  sum_j y_j = p,
    0 <= x_ij <= 1, y_j binary
(ReVelle & Swain 1970) and prints "objective seconds sites" on one line.
Usage: pmedian_milp.py p < matrix.csv
"""
import csv
import sys
import time

import pulp


def main():
    p = int(sys.argv[1])
    cost, weight, sites = {}, {}, set()
    for point, site, c, w in csv.reader(sys.stdin):
        cost[(point, site)] = float(c)
        weight[point] = float(w)
        sites.add(site)
    points, sites = sorted(weight), sorted(sites)
    start = time.perf_counter()
    prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
    y = {j: pulp.LpVariable(f"y_{j}", cat="Binary") for j in sites}
    x = {(i, j): pulp.LpVariable(f"x_{i}_{j}", lowBound=0, upBound=1)
         for (i, j) in cost}
    prob += pulp.lpSum(weight[i] * cost[i, j] * x[i, j] for (i, j) in cost)
    for i in points:
        prob += pulp.lpSum(x[i, j] for j in sites if (i, j) in cost) == 1
    for (i, j) in cost:
        prob += x[i, j] <= y[j]
    prob += pulp.lpSum(y.values()) == p
    status = prob.solve(pulp.COIN_CMD(path="/usr/bin/cbc", msg=False))
    elapsed = time.perf_counter() - start
    if pulp.LpStatus[status] != "Optimal":
        sys.exit(f"CBC status {pulp.LpStatus[status]}")
    chosen = [j for j in sites if y[j].value() > 0.5]
    print(f"{pulp.value(prob.objective):.6f} {elapsed:.3f} {','.join(chosen)}")


if __name__ == "__main__":
    main()
