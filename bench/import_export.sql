-- Write the bundled SSB 07459 extract (table src) as a statbank wide export:
-- one line per kommune and age, one column per year and sex (Males first).
SELECT string_agg(line, E'\r\n' ORDER BY ord) || E'\r\n'
  FROM (SELECT 0 AS ord,
               '"region";"age";' || string_agg(format('"Persons %s %s"', y, s.label), ';' ORDER BY y, s.k) AS line
          FROM generate_series(2005, 2026) AS y,
               (VALUES (1, 'Males'), (2, 'Females')) AS s(k, label)
        UNION ALL
        SELECT 1 + row_number() OVER (ORDER BY src.region, src.age),
               format('"K-%s %s";"%s"', src.region, min(g.name),
                      CASE WHEN src.age = 105 THEN src.age || ' years or older' ELSE src.age || ' years' END)
               || ';' || string_agg(src.persons::text, ';' ORDER BY src.year, src.sex DESC)
          FROM src JOIN carestair.region AS g ON g.region = src.region
         GROUP BY src.region, src.age) AS t;
