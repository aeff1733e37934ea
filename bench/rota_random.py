#!/usr/bin/python3
"""Random rota plans for bench/rota_random.sh: carestair.generate_rota against
an exact MILP (PuLP + CBC from Debian, /usr/bin/cbc) on the same problems.

Each plan is a random 24/7 unit (three shifts, sometimes 12.5-hour long days at
weekends; needs per shift, weekday and competence drawn from ranges around the
EXAMPLE plan of issue 8) whose positions carestair.propose_positions sizes from
the weekend knot (every 2nd or 3rd weekend), kept when it has 20-25 positions.
Every third plan also gets an infeasible twin: one position loses a competence
level or a few percent of its size, or the plan needs one more person on a
weekday night.  Plans are drawn from random.Random(seed): a seed gives the same
plans on every machine.

For every plan:
  carestair  carestair.generate_rota(unit, weeks, k, allow_partial => true)
             with its defaults (seed 1, 10 million iterations, 30 s), timed by
             the server; "feasible" only if the independent checker finds
             nothing; a precheck error names the binding rule.
  CBC        the same problem as a feasibility MILP (x[p,d,s] binary; coverage
             per competence level, one shift a day, daily rest on neighbouring
             days, weekly rest as a free window chosen per week, consecutive
             days, weekends, hours), solved with a time limit.

Usage: rota_random.py PLANS SEED CBC_SECONDS   (psql connection from PG* env)
Prints one line per plan and a summary.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time

import pulp

PSQL = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", "bench"]
# BUDGET="max_iterations, time_budget_ms" runs carestair with another budget than its defaults (exploration).
BUDGET = "".join(f", {k} => {v}" for k, v in zip(("max_iterations", "time_budget_ms"),
                                                  os.environ["BUDGET"].split(","))) if os.environ.get("BUDGET") else ""


def sql(text, check=True):
    """Run SQL through psql; returns (stdout, stderr, returncode)."""
    r = subprocess.run(PSQL, input=text, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"psql failed: {r.stderr}\n{text[:2000]}")
    return r.stdout.strip(), r.stderr.strip(), r.returncode


def random_plan(rng, unit):
    """SQL that inserts one random plan; returns (sql, weeks, k)."""
    k = rng.choice([2, 3, 3])
    weeks = 4 if k == 2 else 6
    d_start = rng.choice([420, 450, 480])
    d_len = rng.choice([450, 480])
    a_len = rng.choice([450, 480])
    n_start = rng.choice([1290, 1320, 1350])
    n_end = d_start + 1440 + rng.choice([0, 15])
    long_days = rng.random() < 0.25
    shifts = [("D", "day", d_start, d_start + d_len),
              ("A", "evening", d_start + d_len, d_start + d_len + a_len),
              ("N", "night", n_start, n_end)]
    if long_days:
        shifts.append(("L", "long_day", 480, 1230))
    need = []
    d_hfa, a_hfa = rng.randint(1, 3), rng.randint(1, 2)
    d_ass = rng.randint(0, 1)
    a_syk = 1 if rng.random() < 0.8 else 0
    n_syk = rng.randint(0, 1)
    for wd in range(1, 8):
        weekend = wd >= 6
        if weekend and long_days:
            need += [("L", wd, "sykepleier", 1), ("L", wd, "helsefagarbeider", max(1, d_hfa - 1 + a_hfa - 1))]
        else:
            drop = 1 if weekend and d_hfa > 1 else 0
            need += [("D", wd, "sykepleier", 1), ("D", wd, "helsefagarbeider", d_hfa - drop)]
            if not weekend and d_ass:
                need.append(("D", wd, "assistent", 1))
            need += [("A", wd, "sykepleier", a_syk), ("A", wd, "helsefagarbeider", a_hfa + 1 - a_syk)]
        need += [("N", wd, "sykepleier", n_syk), ("N", wd, "helsefagarbeider", 2 - n_syk)]
    text = [f"INSERT INTO carestair.staffing_unit (unit, name) VALUES ('{unit}', 'random bench plan');"]
    text += [f"INSERT INTO carestair.staffing_shift VALUES ('{unit}', '{c}', '{kd}', {a}, {b});"
             for c, kd, a, b in shifts]
    text += [f"INSERT INTO carestair.staffing_need VALUES ('{unit}', '{s}', {wd}, '{c}', {n});"
             for s, wd, c, n in need if n > 0]
    text.append(f"SELECT count(*) FROM carestair.propose_positions('{unit}', {k}, {rng.choice([50, 60])});")
    return "\n".join(text), weeks, k


def infeasible_twin(rng, unit, src):
    """SQL that copies plan src to unit with one change that may break it."""
    kind = rng.choice(["demote", "shrink", "night"])
    text = [f"INSERT INTO carestair.staffing_unit (unit, name) VALUES ('{unit}', 'random bench plan, {kind}');",
            f"INSERT INTO carestair.staffing_shift SELECT '{unit}', shift, kind, start_minute, end_minute FROM carestair.staffing_shift WHERE unit = '{src}';",
            f"INSERT INTO carestair.staffing_need SELECT '{unit}', shift, weekday, competence, persons FROM carestair.staffing_need WHERE unit = '{src}';",
            f"INSERT INTO carestair.staffing_position SELECT '{unit}', position, size_pct, competence FROM carestair.staffing_position WHERE unit = '{src}';"]
    if kind == "demote":
        text.append(f"UPDATE carestair.staffing_position SET competence = 'helsefagarbeider' WHERE unit = '{unit}' AND position = "
                    f"(SELECT min(position) FROM carestair.staffing_position WHERE unit = '{unit}' AND competence = 'sykepleier');")
    elif kind == "shrink":
        text.append(f"UPDATE carestair.staffing_position SET size_pct = size_pct - {rng.choice([3, 5])} WHERE unit = '{unit}' AND position = "
                    f"(SELECT max(position) FROM carestair.staffing_position WHERE unit = '{unit}' AND competence = 'helsefagarbeider');")
    else:
        wd = rng.randint(1, 5)
        text.append(f"UPDATE carestair.staffing_need SET persons = persons + 1 WHERE unit = '{unit}' AND shift = 'N' AND weekday = {wd} AND competence = 'helsefagarbeider';")
    return "\n".join(text), kind


def problem(unit, weeks, k):
    """The flat problem carestair builds for the unit, as a dict."""
    out, _, _ = sql(f"""SELECT json_build_object('start', p.shift_start, 'end', p.shift_end, 'need', p.need,
                               'size', p.pos_size, 'level', p.pos_level,
                               'norm', (SELECT weekly_norm_hours FROM carestair.staffing_arsverk('{unit}')))
                          FROM carestair._rota_problem('{unit}') AS p""")
    pr = json.loads(out)
    pr.update(weeks=weeks, k=k, daily_rest=660, weekly_rest=2100, maxc=5, tol=240)
    return pr


def carestair_run(unit, weeks, k):
    """generate_rota with its defaults: (outcome, seconds, detail)."""
    out, err, rc = sql(f"""SELECT r.status, r.elapsed_ms, r.iterations
                             FROM carestair.generate_rota('{unit}', {weeks}, {k}, allow_partial => true{BUDGET}) AS r;
                           SELECT coalesce(string_agg(c.rule || ' ' || c.n, ', '), '0 findings')
                             FROM (SELECT rule, count(*) AS n FROM carestair.check_rota(
                                     (SELECT max(rota_id) FROM carestair.rota)) GROUP BY rule) AS c""",
                       check=False)
    if rc != 0:
        msg = [l for l in err.splitlines() if l.startswith("ERROR:") or l.startswith("DETAIL:")]
        rule = err.split(" can satisfy the ")[1].split(" rule")[0] if " can satisfy the " in err else "error"
        return "infeasible:" + rule, None, " ".join(msg)
    first, viol = out.split("\n")
    status, ms, it = first.split("|")
    return status, float(ms) / 1000.0, f"{it} iterations, {viol}"


def cbc_run(pr, seconds):
    """Feasibility MILP of the same problem: (status, seconds)."""
    S, P, W = len(pr["start"]), len(pr["size"]), pr["weeks"]
    D = 7 * W
    st, en = pr["start"], pr["end"]
    need = pr["need"]
    m = pulp.LpProblem("rota", pulp.LpMinimize)
    x = {(p, d, s): pulp.LpVariable(f"x_{p}_{d}_{s}", cat="Binary")
         for p in range(P) for d in range(D) for s in range(S)}
    m += pulp.lpSum([])
    work = {(p, d): pulp.lpSum(x[p, d, s] for s in range(S)) for p in range(P) for d in range(D)}
    for p in range(P):
        for d in range(D):
            m += work[p, d] <= 1
    # coverage by competence level (cumulative from the top)
    for d in range(D):
        for s in range(S):
            for lev in (1, 2, 3):
                n = sum(need[((d % 7) * S + s) * 3 + l - 1] for l in range(lev, 4))
                if n > 0:
                    m += pulp.lpSum(x[p, d, s] for p in range(P) if pr["level"][p] >= lev) >= n
    for p in range(P):
        # daily rest: the next worked day after d is d+1, or d+2 with d+1 off
        for d in range(D):
            for s in range(S):
                for j in (1, 2):
                    for s2 in range(S):
                        if j * 1440 + st[s2] - en[s] < pr["daily_rest"]:
                            e = x[p, d, s] + x[p, (d + j) % D, s2]
                            m += (e <= 1) if j == 1 else (e <= 1 + work[p, (d + 1) % D])
        # weekly rest: one free window of weekly_rest minutes in each week
        for w in range(W):
            lo, hi = w * 10080, (w + 1) * 10080
            shifts = [(d, s, d * 1440 + st[s], d * 1440 + en[s]) for d in range(w * 7 - 1, w * 7 + 7) for s in range(S)]
            cands = sorted({lo} | {b for (_, _, _, b) in shifts if lo <= b <= hi - pr["weekly_rest"]})
            y = [pulp.LpVariable(f"y_{p}_{w}_{i}", cat="Binary") for i in range(len(cands))]
            m += pulp.lpSum(y) >= 1
            for yi, t in zip(y, cands):
                for d, s, a, b in shifts:
                    if a < t + pr["weekly_rest"] and b > t:
                        m += x[p, d % D, s] + yi <= 1
        # consecutive days, cyclic
        mc = pr["maxc"]
        if D <= mc:
            m += pulp.lpSum(work[p, d] for d in range(D)) <= D - 1
        else:
            for d in range(D):
                m += pulp.lpSum(work[p, (d + i) % D] for i in range(mc + 1)) <= mc
        # weekends: at most one in any k consecutive
        wk = [pulp.LpVariable(f"w_{p}_{w}", cat="Binary") for w in range(W)]
        for w in range(W):
            for s in range(S):
                m += x[p, w * 7 + 5, s] <= wk[w]
                m += x[p, w * 7 + 6, s] <= wk[w]
            m += pulp.lpSum(wk[(w + i) % W] for i in range(min(pr["k"], W))) <= 1
        # hours over the cycle
        target = pr["size"][p] * pr["norm"] * 60.0 * W
        tot = pulp.lpSum((en[s] - st[s]) * x[p, d, s] for d in range(D) for s in range(S))
        m += tot >= target - pr["tol"]
        m += tot <= target + pr["tol"]
    t0 = time.perf_counter()
    status = m.solve(pulp.COIN_CMD(path="/usr/bin/cbc", msg=False, timeLimit=seconds))
    elapsed = time.perf_counter() - t0
    name = pulp.LpStatus[status]
    if name == "Optimal":
        return "feasible", elapsed
    if name == "Infeasible":
        return "infeasible", elapsed
    return "unsolved", elapsed


def main():
    nplans, seed, cbc_seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    rng = random.Random(seed)
    plans = []
    i = 0
    while len([p for p in plans if not p[3]]) < nplans:
        i += 1
        unit = f"r{seed}_{i}"
        text, weeks, k = random_plan(rng, unit)
        sql(text)
        npos = int(sql(f"SELECT count(*) FROM carestair.staffing_position WHERE unit = '{unit}'")[0])
        if not 20 <= npos <= 25:
            sql(f"DELETE FROM carestair.staffing_unit WHERE unit = '{unit}'")
            continue
        plans.append((unit, weeks, k, None, npos))
        if len(plans) % 3 == 0:
            twin = unit + "x"
            text, kind = infeasible_twin(rng, twin, unit)
            sql(text)
            plans.append((twin, weeks, k, kind, npos))

    print(f"{'plan':<10} {'pos':>3} {'k':>2} {'variant':<7} | {'carestair':<22} {'s':>7} | {'CBC':<10} {'s':>7} | detail")
    rows = []
    only = os.environ.get("ONLY")
    for unit, weeks, k, kind, npos in plans:
        if only and unit not in only.split(","):
            continue
        outcome, secs, detail = carestair_run(unit, weeks, k)
        if cbc_seconds > 0:
            cbc, cbc_s = cbc_run(problem(unit, weeks, k), cbc_seconds)
        else:
            cbc, cbc_s = "skipped", None
        rows.append((unit, npos, kind, outcome, secs, cbc, cbc_s))
        fmt = lambda v: f"{v:7.2f}" if v is not None else f"{'-':>7}"
        print(f"{unit:<10} {npos:>3} {k:>2} {kind or '':<7} | {outcome:<22} {fmt(secs)} | {cbc:<10} {fmt(cbc_s)} | {detail}",
              flush=True)

    feas_times = [r[4] for r in rows if r[3] == "feasible"]
    failed = [r for r in rows if r[3] != "feasible" and not r[3].startswith("infeasible") and r[5] != "infeasible"]
    failed_cbc_feasible = [r for r in failed if r[5] == "feasible"]
    named = [r for r in rows if r[3].startswith("infeasible")]
    cbc_infeasible = [r for r in rows if r[5] == "infeasible"]
    cbc_inf_unnamed = [r for r in cbc_infeasible if not r[3].startswith("infeasible")]
    wrong = [r for r in rows if r[3] == "feasible" and r[5] == "infeasible"] + \
            [r for r in named if r[5] == "feasible"]
    cbc_feas = [r[6] for r in rows if r[5] == "feasible"]
    print()
    print(f"carestair: {len(feas_times)} plans rostered, median {statistics.median(feas_times) if feas_times else float('nan'):.2f} s, "
          f"max {max(feas_times) if feas_times else float('nan'):.2f} s; not rostered and not proved infeasible: {len(failed)} "
          f"({len(failed_cbc_feasible)} of them rostered by CBC)")
    print(f"carestair: {len(named)} plans proved infeasible by a relaxation, binding rule named; "
          f"CBC proves {len(cbc_infeasible)} infeasible, {len(cbc_inf_unnamed)} of them not named by carestair; contradictions {len(wrong)}")
    if cbc_seconds > 0:
        cbc_inf_t = [r[6] for r in cbc_infeasible]
        print(f"CBC (limit {cbc_seconds:.0f} s): {len(cbc_feas)} rostered, median {statistics.median(cbc_feas) if cbc_feas else float('nan'):.2f} s; "
              f"{len(cbc_infeasible)} proved infeasible, median {statistics.median(cbc_inf_t) if cbc_inf_t else float('nan'):.2f} s; "
              f"{len([r for r in rows if r[5] == 'unsolved'])} unsolved")
        both = [(r[4], r[6]) for r in rows if r[3] == "feasible" and r[5] == "feasible"]
        if both:
            print(f"ratio CBC / carestair time on plans both roster: median {statistics.median(b / a for a, b in both):.1f}")


if __name__ == "__main__":
    main()
