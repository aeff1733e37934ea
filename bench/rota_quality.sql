-- Quality of the latest rota (used by bench/rota_inner.sh): checker findings and
-- the spread of nights per 100 % position within each competence.
SELECT (SELECT count(*) FROM carestair.check_rota(r.rota_id)),
       (SELECT round(avg(sd), 2)
          FROM (SELECT stddev_pop(s.nights * 100.0 / s.size_pct) AS sd
                  FROM carestair.rota_summary(r.rota_id) AS s
                 GROUP BY s.competence HAVING sum(s.nights) > 0) AS g)
  FROM (SELECT max(rota_id) AS rota_id FROM carestair.rota) AS r;
