-- bench/projection_plpgsql.sql: the cohort-component method of
-- doc/projection.md written in PL/pgSQL on arrays, the straightforward way:
-- per kommune, read its inputs into float8[] (index sex*106 + age + 1),
-- step the years with loops, RETURN NEXT every cell.  Baseline only.
CREATE FUNCTION bench.plpgsql_project(last_year integer, srb float8 DEFAULT 1.055)
RETURNS TABLE (region text, year integer, sex integer, age integer, persons float8,
               deaths float8, emigrants float8, immigrants float8)
LANGUAGE plpgsql AS $$
DECLARE
    n constant integer := 106;
    a_open constant integer := 105;
    reg text;
    base integer;
    p float8[]; nx float8[]; d float8[]; em float8[];
    q float8[]; er float8[]; im float8[]; f float8[];
    s_ integer; a_ integer; t integer; i integer;
    st float8; b float8; rate float8;
BEGIN
    FOR reg IN SELECT DISTINCT x.region FROM bench.population AS x ORDER BY 1 LOOP
        SELECT array_agg(x.persons::float8 ORDER BY x.sex, x.age), min(x.year) INTO p, base
          FROM bench.population AS x WHERE x.region = reg;
        SELECT array_agg(x.q ORDER BY x.sex, x.age) INTO q FROM bench.mortality AS x WHERE x.region = reg;
        SELECT array_agg(x.immigrants ORDER BY x.sex, x.age), array_agg(x.emigration_rate ORDER BY x.sex, x.age)
          INTO im, er FROM bench.migration AS x WHERE x.region = reg;
        f := array_fill(0::float8, ARRAY[n]);
        FOR a_, rate IN SELECT x.age, x.rate FROM bench.fertility AS x WHERE x.region = reg LOOP
            f[a_ + 1] := rate;
        END LOOP;
        FOR t IN base .. last_year - 1 LOOP
            nx := array_fill(0::float8, ARRAY[2 * n]);
            d := nx;
            em := nx;
            FOR s_ IN 0 .. 1 LOOP
                FOR a_ IN 1 .. a_open LOOP
                    i := s_ * n + a_ + 1;
                    st := CASE WHEN a_ < a_open THEN p[i - 1] ELSE p[i - 1] + p[i] END;
                    em[i] := er[i] * st;
                    d[i] := q[i] * (st + 0.5 * (im[i] - em[i]));
                    nx[i] := st - d[i] - em[i] + im[i];
                END LOOP;
            END LOOP;
            b := 0;
            FOR a_ IN 1 .. a_open LOOP
                i := n + a_ + 1;
                st := CASE WHEN a_ < a_open THEN p[i - 1] ELSE p[i - 1] + p[i] END;
                b := b + f[a_ + 1] * (st + nx[i]) / 2;
            END LOOP;
            FOR s_ IN 0 .. 1 LOOP
                i := s_ * n + 1;
                st := CASE s_ WHEN 0 THEN b * srb / (1 + srb) ELSE b / (1 + srb) END;
                em[i] := er[i] * st;
                d[i] := q[i] * (st + 0.5 * (im[i] - em[i]));
                nx[i] := st - d[i] - em[i] + im[i];
            END LOOP;
            FOR i IN 1 .. 2 * n LOOP
                region := reg; year := t + 1; sex := (i - 1) / n + 1; age := (i - 1) % n;
                persons := nx[i]; deaths := d[i]; emigrants := em[i]; immigrants := im[i];
                RETURN NEXT;
            END LOOP;
            p := nx;
        END LOOP;
    END LOOP;
END
$$;
