
-- ---------------------------------------------------------------------------
-- report: the council report, one self-contained HTML page with inline SVG
-- charts drawn here (no scripts, fonts or network).  Every text from the
-- database goes through carestair._html; numbers shown in a chart are also
-- in the table under it, with the exact value in data-value.  A section
-- whose inputs are missing becomes a visible box.  See doc/report.md.
-- ---------------------------------------------------------------------------

/* Escape text for HTML and SVG (element content and quoted attributes). */
CREATE FUNCTION carestair._html(t text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
               COALESCE(t, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');
END;
COMMENT ON FUNCTION carestair._html(text) IS 'Internal: text escaped for HTML and SVG. See doc/report.md.';

/* A number as people read it: nb uses a space between thousands and a decimal comma. */
CREATE FUNCTION carestair._report_num(x float8, digits integer, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN x IS NULL THEN '–'
                WHEN lang OPERATOR(pg_catalog.=) 'nb'
                THEN pg_catalog.translate(pg_catalog.to_char(pg_catalog.round(x::numeric, digits),
                         CASE WHEN digits OPERATOR(pg_catalog.>) 0
                              THEN 'FM999,999,999,990.' OPERATOR(pg_catalog.||) pg_catalog.repeat('0', digits)
                              ELSE 'FM999,999,999,990' END), ',.', ' ,')
                ELSE pg_catalog.to_char(pg_catalog.round(x::numeric, digits),
                         CASE WHEN digits OPERATOR(pg_catalog.>) 0
                              THEN 'FM999,999,999,990.' OPERATOR(pg_catalog.||) pg_catalog.repeat('0', digits)
                              ELSE 'FM999,999,999,990' END) END;
END;
COMMENT ON FUNCTION carestair._report_num(float8, integer, text) IS 'Internal: a number rounded and formatted for the report language. See doc/report.md.';

/* A coordinate for SVG: one decimal, never in exponent form. */
CREATE FUNCTION carestair._svg_n(x float8)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.round(x::numeric, 1)::text;
END;
COMMENT ON FUNCTION carestair._svg_n(float8) IS 'Internal: an SVG coordinate with one decimal. See doc/report.md.';

/* A step of 1, 2 or 5 times a power of ten giving about five ticks over range. */
CREATE FUNCTION carestair._nice_step(range float8)
RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH m AS (SELECT pg_catalog.power(10::float8, pg_catalog.floor(pg_catalog.log(
                   GREATEST(range, 1e-9) OPERATOR(pg_catalog./) 5)))::float8 AS p)
    SELECT CASE WHEN range OPERATOR(pg_catalog./) 5 OPERATOR(pg_catalog./) m.p OPERATOR(pg_catalog.<=) 1 THEN m.p
                WHEN range OPERATOR(pg_catalog./) 5 OPERATOR(pg_catalog./) m.p OPERATOR(pg_catalog.<=) 2 THEN 2 OPERATOR(pg_catalog.*) m.p
                WHEN range OPERATOR(pg_catalog./) 5 OPERATOR(pg_catalog./) m.p OPERATOR(pg_catalog.<=) 5 THEN 5 OPERATOR(pg_catalog.*) m.p
                ELSE 10 OPERATOR(pg_catalog.*) m.p END
      FROM m;
END;
COMMENT ON FUNCTION carestair._nice_step(float8) IS 'Internal: a tick step of 1, 2 or 5 times a power of ten. See doc/report.md.';

/* The report's fixed texts in Norwegian (nb) and English (en). */
CREATE FUNCTION carestair._report_text(key text, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT COALESCE(
        ('{
          "title": ["Helse- og omsorgsplan: tallgrunnlag", "Health and care plan: the numbers"],
          "made": ["Laget med carestair", "Made with carestair"],
          "scenario": ["Framskrivingsscenario", "Projection scenario"],
          "none": ["ingen", "none"],
          "missing": ["Mangler", "Missing"],
          "not_available": ["Ikke tilgjengelig", "Not available"],
          "illustrative": ["ILLUSTRASJON", "ILLUSTRATIVE"],
          "fallback": ["FALLBACK", "FALLBACK"],
          "source": ["Kilde", "Source"],
          "unit": ["Enhet", "Unit"],
          "note": ["Merk", "Note"],
          "year": ["År", "Year"],
          "persons": ["Personer", "Persons"],
          "age": ["Alder", "Age"],
          "males": ["Menn", "Males"],
          "females": ["Kvinner", "Females"],
          "s_population": ["1. Befolkningen", "1. The population"],
          "c_pyramid": ["Befolkningspyramide, nå og 2040", "Population pyramid, now and 2040"],
          "s_oldest": ["2. De eldste fram mot 2050", "2. The oldest to 2050"],
          "c_oldest": ["Personer 67+, 80+ og 90+ med 80 % og 95 % prediksjonsintervall", "Persons 67+, 80+ and 90+ with 80 % and 95 % prediction intervals"],
          "observed": ["registrert", "observed"],
          "projected": ["framskrevet", "projected"],
          "ssb": ["SSBs framskriving", "SSB projection"],
          "s_care": ["3. Omsorgstrappa", "3. The omsorgstrapp"],
          "c_users": ["Brukere per trinn, uten og med dreining", "Users per step, without and with dreining"],
          "c_places": ["Plasser per trinn, uten og med dreining", "Places per step, without and with dreining"],
          "users": ["Brukere", "Users"],
          "places": ["Plasser", "Places"],
          "with_dreining": ["med dreining", "with dreining"],
          "s_beds": ["4. Korttidsplasser", "4. Short-stay beds"],
          "c_beds": ["Sannsynlighet for avvisning etter antall senger (Erlang B)", "Probability of refusal by number of beds (Erlang B)"],
          "beds": ["Senger", "Beds"],
          "refusal": ["Avvisning", "Refusal"],
          "s_legevakt": ["5. Legevakt", "5. Legevakt (out-of-hours service)"],
          "c_map": ["Reisetid til nærmeste legevakt", "Travel time to the nearest legevakt"],
          "c_coverage": ["Andel innen 40 minutter og kostnad per innbygger, per scenario", "Share within 40 minutes and cost per inhabitant, per scenario"],
          "minutes": ["minutter", "minutes"],
          "share40": ["Andel innen 40 min", "Share within 40 min"],
          "cost_inh": ["Kostnad per innbygger", "Cost per inhabitant"],
          "s_why": ["6. Hvorfor dyrere?", "6. Why dearer?"],
          "c_why": ["Fra referansen til kommunen: alderssammensetning, dekning og enhetskostnad", "From the reference to the kommune: age mix, coverage and unit cost"],
          "s_knot": ["7. Helgeknuten", "7. The weekend knot"],
          "c_knot": ["Minste antall ansatte og gjennomsnittlig stillingsstørrelse etter helgefrekvens", "Fewest staff and mean position size by weekend frequency"],
          "s_more": ["8. Demens, legevaktnorm og planoppfølging", "8. Dementia, the legevakt norm and plan follow-up"],
          "error": ["Feil i avsnittet", "Error in this section"],
          "c_ssb": ["carestair-framskrivingen mot SSBs", "The carestair projection against SSB''s"],
          "difference": ["Differanse", "Difference"],
          "c_dementia": ["Personer med demens fram mot 2050", "Persons with dementia to 2050"],
          "with_dementia": ["Med demens", "With dementia"],
          "src_dementia": ["forekomst etter kjønn og alder (carestair.dementia_prevalence, se doc/dementia.md) x carestair-framskrivingen", "prevalence by sex and age (carestair.dementia_prevalence, see doc/dementia.md) x the carestair projection"],
          "c_norm": ["Nasjonal norm for legevakt: 90 % av innbyggerne innen 40 minutter", "The national legevakt norm: 90 % of inhabitants within 40 minutes"],
          "u_norm": ["% av innbyggerne innen 20, 40 og 60 minutter til nærmeste legevakt i dag; personer.", "% of inhabitants within 20, 40 and 60 minutes of the nearest legevakt today; persons."],
          "unreachable": ["Uten rute", "Unreachable"],
          "meets_norm": ["Oppfyller normen", "Meets the norm"],
          "c_indicators": ["Styringsindikatorer, mål mot faktisk", "Indicators, target against actual"],
          "u_indicators": ["indikatorens enhet (siste kolonne); avvik = faktisk - mål.", "the indicator''s unit (last column); gap = actual - target."],
          "indicator": ["Indikator", "Indicator"],
          "target": ["Mål", "Target"],
          "actual": ["Faktisk", "Actual"],
          "gap": ["Avvik", "Gap"],
          "example_plan": ["år, mål og skårer i eksempelplanen er illustrasjoner, ikke kommunens vedtak.", "the example plan''s years, targets and scores are illustrations, not the kommune''s decisions."],
          "c_risk": ["Risikomatrise", "Risk matrix"],
          "u_risk": ["antall risikoer per celle (tall i fet skrift); ellers cellens skår = sannsynlighet x konsekvens.", "number of risks per cell (bold); otherwise the cell''s score = likelihood x consequence."],
          "risk_legend": ["fet: antall risikoer", "bold: number of risks"],
          "likelihood": ["Sannsynlighet", "Likelihood"],
          "consequence": ["Konsekvens", "Consequence"],
          "zone": ["Sone", "Zone"],
          "risks": ["Risikoer", "Risks"],
          "every_k": ["hver k-te helg", "every k-th weekend"],
          "headcount": ["Ansatte", "Staff"],
          "position": ["Stilling %", "Position %"],
          "projection": ["carestair-framskriving", "carestair projection"],
          "u_beds": ["% avvist; erlang = innleggelser per døgn x liggedøgn.", "% refused; erlang = admissions per day x days of stay."],
          "src_beds": ["Erlang B (carestair.erlang_b); SSB 07459 og carestair-framskrivingen for veksten i 67+.", "Erlang B (carestair.erlang_b); SSB 07459 and the carestair projection for the growth of 67+."],
          "arrivals": ["Innleggelser/døgn", "Admissions/day"],
          "u_map": ["minutter; personer per rute på 250 m.", "minutes; persons per 250 m cell."],
          "src_map": ["SSB befolkning på rutenett 250 m; Kartverket kommunegrenser; Helsedirektoratets legevaktliste.", "SSB 250 m population grid; Kartverket kommune borders; Helsedirektoratet legevakt list."],
          "u_coverage": ["% av innbyggerne innen 40 minutter; kroner per innbygger og år.", "% of inhabitants within 40 minutes; NOK per inhabitant and year."],
          "src_coverage": ["SSB rutenett 250 m; Kartverket; Helsedirektoratet; kostnadsparametre i carestair.legevakt_parameter_effective.", "SSB 250 m grid; Kartverket; Helsedirektoratet; cost parameters in carestair.legevakt_parameter_effective."],
          "straight": ["reisetider i luftlinje.", "straight-line travel times."],
          "mean_min": ["Snitt min", "Mean min"],
          "nok_year": ["NOK/år", "NOK/year"],
          "effect": ["Effekt", "Effect"],
          "reference": ["Referanse", "Reference"],
          "per_inh": ["Per innbygger", "Per inhabitant"],
          "total": ["Totalt", "Total"],
          "u_knot": ["ansatte; % = gjennomsnittlig stillingsstørrelse.", "staff; % = mean position size."],
          "src_knot": ["Kommunens bemanningsplan (carestair.staffing_unit); turnusnorm 35,5 t/uke.", "The kommune''s bemanningsplan (carestair.staffing_unit); turnus norm 35.5 h/week."],
          "unit_name": ["Enhet", "Unit"],
          "example": ["Eksempel", "Example"],
          "yes": ["ja", "yes"],
          "no": ["nei", "no"],
          "age_mix": ["Alderssammensetning", "Age mix"],
          "coverage": ["Dekningsgrad", "Coverage"],
          "unit_cost": ["Enhetskostnad", "Unit cost"],
          "residual": ["Rest", "Residual"]
         }'::jsonb OPERATOR(pg_catalog.->) key) OPERATOR(pg_catalog.->>)
            (CASE WHEN lang OPERATOR(pg_catalog.=) 'en' THEN 1 ELSE 0 END),
        key);
END;
COMMENT ON FUNCTION carestair._report_text(text, text) IS 'Internal: a fixed text of the report in nb or en. See doc/report.md.';

/* A visible box in place of a chart whose inputs are missing. */
CREATE FUNCTION carestair._report_box(kind text, title text, message text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT '<div class="box ' OPERATOR(pg_catalog.||) carestair._html(kind) OPERATOR(pg_catalog.||) '"><strong>'
           OPERATOR(pg_catalog.||) carestair._html(title) OPERATOR(pg_catalog.||) '</strong> '
           OPERATOR(pg_catalog.||) carestair._html(message) OPERATOR(pg_catalog.||) '</div>';
END;
COMMENT ON FUNCTION carestair._report_box(text, text, text) IS 'Internal: the HTML box shown where a chart''s inputs are missing. See doc/report.md.';

/* A box saying which inputs are missing, headed "Mangler" / "Missing". */
CREATE FUNCTION carestair._report_missing(lang text, message text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT carestair._report_box('missing', carestair._report_text('missing', lang), message);
END;
COMMENT ON FUNCTION carestair._report_missing(text, text) IS 'Internal: the box shown where a section''s inputs are missing. See doc/report.md.';

/* The box shown in place of a section that failed: the error's message, never an aborted report. */
CREATE FUNCTION carestair._report_error(lang text, message text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT carestair._report_box('missing', carestair._report_text('error', lang), message);
END;
COMMENT ON FUNCTION carestair._report_error(text, text) IS 'Internal: the box shown where a section failed, with the error message. See doc/report.md.';

/* The opening of a report section with its heading. */
CREATE FUNCTION carestair._report_section(key text, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT '<section><h2>' OPERATOR(pg_catalog.||) carestair._html(carestair._report_text(key, lang)) OPERATOR(pg_catalog.||) '</h2>';
END;
COMMENT ON FUNCTION carestair._report_section(text, text) IS 'Internal: the opening tag and heading of a report section. See doc/report.md.';

/*
 * A figure: title, the SVG, units and sources under it, notes (marked
 * illustrative or fallback by the caller) and the data table.
 */
CREATE FUNCTION carestair._report_figure(fig_id text, title text, svg text, units text, sources text, notes text[], data_table text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT '<figure id="' OPERATOR(pg_catalog.||) carestair._html(fig_id) OPERATOR(pg_catalog.||) '"><h3>'
           OPERATOR(pg_catalog.||) carestair._html(title) OPERATOR(pg_catalog.||) '</h3>' OPERATOR(pg_catalog.||) svg
           OPERATOR(pg_catalog.||) '<figcaption><span class="units">' OPERATOR(pg_catalog.||) carestair._html(units)
           OPERATOR(pg_catalog.||) '</span> <span class="sources">' OPERATOR(pg_catalog.||) carestair._html(sources) OPERATOR(pg_catalog.||) '</span>'
           OPERATOR(pg_catalog.||) COALESCE((SELECT pg_catalog.string_agg('<span class="note">' OPERATOR(pg_catalog.||) carestair._html(n) OPERATOR(pg_catalog.||) '</span>', ' ')
                                    FROM pg_catalog.unnest(notes) AS n), '')
           OPERATOR(pg_catalog.||) '</figcaption>' OPERATOR(pg_catalog.||) COALESCE(data_table, '') OPERATOR(pg_catalog.||) '</figure>';
END;
COMMENT ON FUNCTION carestair._report_figure(text, text, text, text, text, text[], text) IS 'Internal: a titled figure with units, sources, notes and its data table. See doc/report.md.';

/* A jsonb array as given, or [] for SQL NULL, JSON null or any scalar (a chart spec whose query found no rows). */
CREATE FUNCTION carestair._json_list(j jsonb)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN pg_catalog.jsonb_typeof(j) OPERATOR(pg_catalog.=) 'array' THEN j ELSE '[]'::jsonb END;
END;
COMMENT ON FUNCTION carestair._json_list(jsonb) IS 'Internal: a jsonb array, or [] for NULL, JSON null or a scalar. See doc/report.md.';

/*
 * A data table from a jsonb array of rows (arrays of cells).  A number cell
 * is shown formatted for lang with data-value holding the value as the
 * query returned it (rounded to digits); text cells are escaped.
 */
CREATE FUNCTION carestair._report_table(table_id text, header text[], rows jsonb, digits integer[], lang text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    out text := '<table class="data" id="' || carestair._html(table_id) || '"><thead><tr>';
    h text;
    r jsonb;
    c jsonb;
    i integer;
    d integer;
BEGIN
    FOREACH h IN ARRAY header LOOP
        out := out || '<th>' || carestair._html(h) || '</th>';
    END LOOP;
    out := out || '</tr></thead><tbody>';
    FOR r IN SELECT x FROM jsonb_array_elements(carestair._json_list(rows)) AS x LOOP
        out := out || '<tr>';
        i := 0;
        FOR c IN SELECT x FROM jsonb_array_elements(r) AS x LOOP
            i := i + 1;
            d := coalesce(digits[i], 0);
            IF jsonb_typeof(c) = 'number' THEN
                out := out || '<td class="num" data-value="' || round((c #>> '{}')::numeric, d)::text || '">'
                    || carestair._html(carestair._report_num((c #>> '{}')::float8, d, lang)) || '</td>';
            ELSE
                out := out || '<td>' || carestair._html(c #>> '{}') || '</td>';
            END IF;
        END LOOP;
        out := out || '</tr>';
    END LOOP;
    RETURN out || '</tbody></table>';
END
$$;
COMMENT ON FUNCTION carestair._report_table(text, text[], jsonb, integer[], text) IS 'Internal: an HTML data table whose number cells carry their exact value in data-value. See doc/report.md.';

/*
 * A line chart 720 x 330: spec = {"series": [{"label", "color", "dash",
 * "points": [[x, y], ...]}], "bands": [{"color", "opacity", "points":
 * [[x, lo, hi], ...]}], "hlines": [{"y", "label"}], "ymax": optional}.
 * The y axis starts at 0; x is numeric (years, beds).
 */
CREATE FUNCTION carestair._svg_line_chart(title text, xlabel text, ylabel text, spec jsonb, y_digits integer DEFAULT 0)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w constant float8 := 720; h constant float8 := 330;
    l constant float8 := 70; r constant float8 := 190; t constant float8 := 20; b constant float8 := 50;
    xmin float8; xmax float8; ymax float8; step float8; v float8;
    svg text;
    s jsonb;
    pts text;
    k integer := 0;
BEGIN
    SELECT min((p ->> 0)::float8), max((p ->> 0)::float8), max(greatest((p ->> 1)::float8, coalesce((p ->> 2)::float8, 0)))
      INTO xmin, xmax, ymax
      FROM (SELECT jsonb_array_elements(x -> 'points') AS p
              FROM jsonb_array_elements(carestair._json_list(spec -> 'series') || carestair._json_list(spec -> 'bands')) AS x
             WHERE jsonb_typeof(x -> 'points') = 'array') AS q;
    ymax := greatest(coalesce(ymax, 0), coalesce((SELECT max((x ->> 'y')::float8) FROM jsonb_array_elements(carestair._json_list(spec -> 'hlines')) AS x), 0),
                     coalesce((spec ->> 'ymax')::float8, 0));
    IF xmin IS NULL OR ymax <= 0 THEN
        RETURN NULL;
    END IF;
    IF xmax = xmin THEN xmax := xmin + 1; END IF;
    step := carestair._nice_step(ymax);
    ymax := ceil(ymax / step) * step;
    svg := format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, h, w, h, carestair._html(title))
        || '<rect x="0" y="0" width="720" height="330" fill="#ffffff"/>';
    -- y grid and ticks
    v := 0;
    WHILE v <= ymax + step / 2 LOOP
        svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#dddddd"/><text x="%s" y="%s" text-anchor="end" font-size="11">%s</text>',
                             l, carestair._svg_n(h - b - v / ymax * (h - t - b)), w - r, carestair._svg_n(h - b - v / ymax * (h - t - b)),
                             l - 6, carestair._svg_n(h - b - v / ymax * (h - t - b) + 4),
                             carestair._html(carestair._report_num(v, CASE WHEN step < 1 THEN y_digits ELSE 0 END, 'en')));
        v := v + step;
    END LOOP;
    -- x ticks
    step := carestair._nice_step(xmax - xmin);
    v := ceil(xmin / step) * step;
    WHILE v <= xmax LOOP
        svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/><text x="%s" y="%s" text-anchor="middle" font-size="11">%s</text>',
                             carestair._svg_n(l + (v - xmin) / (xmax - xmin) * (w - l - r)), h - b,
                             carestair._svg_n(l + (v - xmin) / (xmax - xmin) * (w - l - r)), h - b + 5,
                             carestair._svg_n(l + (v - xmin) / (xmax - xmin) * (w - l - r)), h - b + 18, round(v::numeric)::text);
        v := v + step;
    END LOOP;
    -- bands
    FOR s IN SELECT x FROM jsonb_array_elements(carestair._json_list(spec -> 'bands')) AS x WHERE jsonb_typeof(x -> 'points') = 'array' LOOP
        SELECT string_agg(carestair._svg_n(l + ((p ->> 0)::float8 - xmin) / (xmax - xmin) * (w - l - r)) || ',' ||
                          carestair._svg_n(h - b - (p ->> 2)::float8 / ymax * (h - t - b)), ' ' ORDER BY (p ->> 0)::float8)
               || ' ' ||
               string_agg(carestair._svg_n(l + ((p ->> 0)::float8 - xmin) / (xmax - xmin) * (w - l - r)) || ',' ||
                          carestair._svg_n(h - b - (p ->> 1)::float8 / ymax * (h - t - b)), ' ' ORDER BY (p ->> 0)::float8 DESC)
          INTO pts FROM jsonb_array_elements(s -> 'points') AS p;
        svg := svg || format('<polygon points="%s" fill="%s" fill-opacity="%s" stroke="none"/>', pts,
                             carestair._html(s ->> 'color'), coalesce(s ->> 'opacity', '0.2'));
    END LOOP;
    -- horizontal reference lines
    FOR s IN SELECT x FROM jsonb_array_elements(carestair._json_list(spec -> 'hlines')) AS x LOOP
        svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#aa0000" stroke-dasharray="2,3"/><text x="%s" y="%s" font-size="11" fill="#aa0000">%s</text>',
                             l, carestair._svg_n(h - b - (s ->> 'y')::float8 / ymax * (h - t - b)), w - r,
                             carestair._svg_n(h - b - (s ->> 'y')::float8 / ymax * (h - t - b)), w - r + 4,
                             carestair._svg_n(h - b - (s ->> 'y')::float8 / ymax * (h - t - b) + 4), carestair._html(s ->> 'label'));
    END LOOP;
    -- series and legend
    FOR s IN SELECT x FROM jsonb_array_elements(carestair._json_list(spec -> 'series')) AS x WHERE jsonb_typeof(x -> 'points') = 'array' LOOP
        SELECT string_agg(carestair._svg_n(l + ((p ->> 0)::float8 - xmin) / (xmax - xmin) * (w - l - r)) || ',' ||
                          carestair._svg_n(h - b - (p ->> 1)::float8 / ymax * (h - t - b)), ' ' ORDER BY (p ->> 0)::float8)
          INTO pts FROM jsonb_array_elements(s -> 'points') AS p;
        CONTINUE WHEN pts IS NULL;
        svg := svg || format('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>', pts,
                             carestair._html(s ->> 'color'), CASE WHEN (s ->> 'dash')::boolean THEN ' stroke-dasharray="6,4"' ELSE '' END)
            || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/><text x="%s" y="%s" font-size="11">%s</text>',
                      w - r + 10, t + 14 * k + 30, w - r + 30, t + 14 * k + 30, carestair._html(s ->> 'color'),
                      CASE WHEN (s ->> 'dash')::boolean THEN ' stroke-dasharray="6,4"' ELSE '' END,
                      w - r + 34, t + 14 * k + 34, carestair._html(left(s ->> 'label', 28)));
        k := k + 1;
    END LOOP;
    -- axes and labels
    svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>',
                         l, h - b, w - r, h - b, l, t, l, h - b)
        || format('<text x="%s" y="%s" text-anchor="middle" font-size="12">%s</text>', carestair._svg_n(l + (w - l - r) / 2), h - 12, carestair._html(xlabel))
        || format('<text x="14" y="%s" text-anchor="middle" font-size="12" transform="rotate(-90 14 %s)">%s</text>',
                  carestair._svg_n(t + (h - t - b) / 2), carestair._svg_n(t + (h - t - b) / 2), carestair._html(ylabel));
    RETURN svg || '</svg>';
END
$$;
COMMENT ON FUNCTION carestair._svg_line_chart(text, text, text, jsonb, integer) IS 'Internal: an SVG line chart with bands, reference lines, axes and legend from a jsonb spec. See doc/report.md.';

/*
 * A horizontal bar chart 720 wide: items = [{"label", "from", "to",
 * "color", "text"}]; a bar runs from "from" (default 0) to "to", so a
 * waterfall passes the running sums.
 */
CREATE FUNCTION carestair._svg_bar_chart(title text, xlabel text, items jsonb)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w constant float8 := 720; l constant float8 := 250; r constant float8 := 140; t constant float8 := 10;
    bh constant float8 := 24;
    n integer := jsonb_array_length(carestair._json_list(items));
    h float8;
    lo float8; hi float8; step float8; v float8; x0 float8; x1 float8;
    svg text;
    it jsonb;
    k integer := 0;
BEGIN
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    h := t + n * bh + 45;
    SELECT least(0, min(least(coalesce((x ->> 'from')::float8, 0), (x ->> 'to')::float8))),
           greatest(0, max(greatest(coalesce((x ->> 'from')::float8, 0), (x ->> 'to')::float8)))
      INTO lo, hi FROM jsonb_array_elements(items) AS x;
    IF hi = lo THEN hi := lo + 1; END IF;
    step := carestair._nice_step(hi - lo);
    lo := floor(lo / step) * step;
    hi := ceil(hi / step) * step;
    svg := format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, h, w, h, carestair._html(title))
        || format('<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>', w, h);
    v := lo;
    WHILE v <= hi + step / 2 LOOP
        x0 := l + (v - lo) / (hi - lo) * (w - l - r);
        svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#dddddd"/><text x="%s" y="%s" text-anchor="middle" font-size="11">%s</text>',
                             carestair._svg_n(x0), t, carestair._svg_n(x0), t + n * bh, carestair._svg_n(x0), t + n * bh + 16,
                             carestair._html(carestair._report_num(v, CASE WHEN step < 1 THEN 2 ELSE 0 END, 'en')));
        v := v + step;
    END LOOP;
    FOR it IN SELECT x FROM jsonb_array_elements(items) AS x LOOP
        x0 := l + (coalesce((it ->> 'from')::float8, 0) - lo) / (hi - lo) * (w - l - r);
        x1 := l + ((it ->> 'to')::float8 - lo) / (hi - lo) * (w - l - r);
        svg := svg || format('<text x="%s" y="%s" text-anchor="end" font-size="11">%s</text>', l - 6, t + k * bh + 16,
                             carestair._html(left(it ->> 'label', 40)))
            || format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>', carestair._svg_n(least(x0, x1)), t + k * bh + 4,
                      carestair._svg_n(greatest(abs(x1 - x0), 1)), bh - 8, carestair._html(coalesce(it ->> 'color', '#4477aa')))
            || format('<text x="%s" y="%s" font-size="11">%s</text>', carestair._svg_n(greatest(x0, x1) + 4), t + k * bh + 16,
                      carestair._html(it ->> 'text'));
        k := k + 1;
    END LOOP;
    x0 := l + (0 - lo) / (hi - lo) * (w - l - r);
    svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>', carestair._svg_n(x0), t, carestair._svg_n(x0), t + n * bh)
        || format('<text x="%s" y="%s" text-anchor="middle" font-size="12">%s</text>', carestair._svg_n(l + (w - l - r) / 2), h - 8, carestair._html(xlabel));
    RETURN svg || '</svg>';
END
$$;
COMMENT ON FUNCTION carestair._svg_bar_chart(text, text, jsonb) IS 'Internal: an SVG horizontal bar (or waterfall) chart from a jsonb list of bars. See doc/report.md.';

/*
 * The population pyramid: rows = [[label, males now, females now, males
 * then, females then], ...] from the youngest; now as filled bars, then
 * (NULL when absent) as outlines.
 */
CREATE FUNCTION carestair._svg_pyramid(title text, rows jsonb, now_label text, then_label text, lang text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w constant float8 := 720; cx constant float8 := 360; gap constant float8 := 28; half constant float8 := 290;
    bh constant float8 := 16; t constant float8 := 30;
    n integer := jsonb_array_length(carestair._json_list(rows));
    h float8 := t + n * bh + 50;
    vmax float8;
    svg text;
    r jsonb;
    k integer := 0;
    y float8;
BEGIN
    SELECT max(greatest((x ->> 1)::float8, (x ->> 2)::float8, coalesce((x ->> 3)::float8, 0), coalesce((x ->> 4)::float8, 0)))
      INTO vmax FROM jsonb_array_elements(rows) AS x;
    IF n = 0 OR coalesce(vmax, 0) <= 0 THEN
        RETURN NULL;
    END IF;
    vmax := ceil(vmax / carestair._nice_step(vmax)) * carestair._nice_step(vmax);
    svg := format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, h, w, h, carestair._html(title))
        || format('<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>', w, h)
        || format('<text x="%s" y="16" text-anchor="middle" font-size="12">%s</text><text x="%s" y="16" text-anchor="middle" font-size="12">%s</text>',
                  cx - gap - half / 2, carestair._html(carestair._report_text('males', lang)),
                  cx + gap + half / 2, carestair._html(carestair._report_text('females', lang)));
    -- rows from the top: the oldest first
    FOR r IN SELECT x FROM jsonb_array_elements(rows) WITH ORDINALITY AS e(x, o) ORDER BY o DESC LOOP
        y := t + k * bh;
        svg := svg || format('<text x="%s" y="%s" text-anchor="middle" font-size="10">%s</text>', cx, carestair._svg_n(y + 12), carestair._html(r ->> 0))
            || format('<rect x="%s" y="%s" width="%s" height="%s" fill="#4477aa"/>',
                      carestair._svg_n(cx - gap - (r ->> 1)::float8 / vmax * half), carestair._svg_n(y + 2),
                      carestair._svg_n((r ->> 1)::float8 / vmax * half), bh - 4)
            || format('<rect x="%s" y="%s" width="%s" height="%s" fill="#ee6677"/>', cx + gap, carestair._svg_n(y + 2),
                      carestair._svg_n((r ->> 2)::float8 / vmax * half), bh - 4);
        IF (r ->> 3) IS NOT NULL THEN
            svg := svg || format('<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#000000" stroke-width="1.5"/>',
                                 carestair._svg_n(cx - gap - (r ->> 3)::float8 / vmax * half), carestair._svg_n(y + 2),
                                 carestair._svg_n((r ->> 3)::float8 / vmax * half), bh - 4)
                || format('<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#000000" stroke-width="1.5"/>', cx + gap,
                          carestair._svg_n(y + 2), carestair._svg_n((r ->> 4)::float8 / vmax * half), bh - 4);
        END IF;
        k := k + 1;
    END LOOP;
    y := t + n * bh;
    svg := svg || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>',
                         cx - gap - half, y, cx - gap, y, cx + gap, y, cx + gap + half, y)
        || format('<text x="%s" y="%s" text-anchor="middle" font-size="11">%s</text><text x="%s" y="%s" text-anchor="middle" font-size="11">0</text>',
                  cx - gap - half, y + 14, carestair._html(carestair._report_num(vmax, 0, lang)), cx - gap, y + 14)
        || format('<text x="%s" y="%s" text-anchor="middle" font-size="11">0</text><text x="%s" y="%s" text-anchor="middle" font-size="11">%s</text>',
                  cx + gap, y + 14, cx + gap + half, y + 14, carestair._html(carestair._report_num(vmax, 0, lang)))
        || format('<text x="%s" y="%s" text-anchor="middle" font-size="12">%s</text>', cx, y + 30,
                  carestair._html(carestair._report_text('persons', lang) || ' (' || carestair._report_text('age', lang) || ')'))
        || format('<rect x="10" y="%s" width="14" height="10" fill="#4477aa"/><text x="28" y="%s" font-size="11">%s</text>', y + 36, y + 45, carestair._html(now_label));
    IF then_label IS NOT NULL THEN
        svg := svg || format('<rect x="200" y="%s" width="14" height="10" fill="none" stroke="#000000"/><text x="218" y="%s" font-size="11">%s</text>',
                             y + 36, y + 45, carestair._html(then_label));
    END IF;
    RETURN svg || '</svg>';
END
$$;
COMMENT ON FUNCTION carestair._svg_pyramid(text, jsonb, text, text, text) IS 'Internal: an SVG population pyramid, now filled and a later year outlined. See doc/report.md.';


/*
 * A 5 x 5 risk matrix: cells = [[likelihood, consequence, score, zone,
 * risks, risk_list], ...] (carestair.risk_matrix); likelihood upwards,
 * consequence to the right, each cell coloured by its zone and showing the
 * number of risks in it.  NULL when there are no cells.
 */
CREATE FUNCTION carestair._svg_risk_matrix(title text, cells jsonb, lang text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l constant float8 := 90; t constant float8 := 20; c constant float8 := 64;
    svg text;
    part text;
BEGIN
    SELECT string_agg(format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#ffffff" stroke-width="2"/><text x="%s" y="%s" text-anchor="middle" font-size="%s"%s>%s</text>',
                             l + ((x ->> 1)::integer - 1) * c, t + (5 - (x ->> 0)::integer) * c, c, c,
                             CASE x ->> 3 WHEN 'high' THEN '#ee6677' WHEN 'medium' THEN '#ccbb44' ELSE '#88cc88' END,
                             l + ((x ->> 1)::integer - 1) * c + c / 2, t + (5 - (x ->> 0)::integer) * c + c / 2 + 6,
                             CASE WHEN (x ->> 4)::integer > 0 THEN '20' ELSE '11' END,
                             CASE WHEN (x ->> 4)::integer > 0 THEN ' font-weight="bold"' ELSE ' fill="#555555"' END,
                             CASE WHEN (x ->> 4)::integer > 0 THEN x ->> 4 ELSE x ->> 2 END), '' ORDER BY (x ->> 0)::integer, (x ->> 1)::integer)
      INTO part
      FROM jsonb_array_elements(carestair._json_list(cells)) AS x
     WHERE (x ->> 0)::integer BETWEEN 1 AND 5 AND (x ->> 1)::integer BETWEEN 1 AND 5;
    IF part IS NULL THEN
        RETURN NULL;
    END IF;
    svg := format('<svg xmlns="http://www.w3.org/2000/svg" width="720" height="%s" viewBox="0 0 720 %s" role="img"><title>%s</title>',
                  t + 5 * c + 50, t + 5 * c + 50, carestair._html(title))
        || format('<rect x="0" y="0" width="720" height="%s" fill="#ffffff"/>', t + 5 * c + 50) || part;
    FOR i IN 1..5 LOOP
        svg := svg || format('<text x="%s" y="%s" text-anchor="end" font-size="11">%s</text>', l - 6, t + (5 - i) * c + c / 2 + 4, i)
            || format('<text x="%s" y="%s" text-anchor="middle" font-size="11">%s</text>', l + (i - 1) * c + c / 2, t + 5 * c + 16, i);
    END LOOP;
    svg := svg || format('<text x="%s" y="%s" text-anchor="middle" font-size="12">%s</text>', l + 2.5 * c, t + 5 * c + 36,
                         carestair._html(carestair._report_text('consequence', lang)))
        || format('<text x="14" y="%s" text-anchor="middle" font-size="12" transform="rotate(-90 14 %s)">%s</text>', t + 2.5 * c, t + 2.5 * c,
                  carestair._html(carestair._report_text('likelihood', lang)))
        || format('<g font-size="11"><rect x="%1$s" y="%2$s" width="12" height="12" fill="#88cc88"/><text x="%3$s" y="%4$s">%5$s</text>'
                  '<rect x="%1$s" y="%6$s" width="12" height="12" fill="#ccbb44"/><text x="%3$s" y="%7$s">%8$s</text>'
                  '<rect x="%1$s" y="%9$s" width="12" height="12" fill="#ee6677"/><text x="%3$s" y="%10$s">%11$s</text>'
                  '<text x="%1$s" y="%12$s">%13$s</text></g>',
                  l + 5 * c + 30, t + 10, l + 5 * c + 48, t + 20, 'low',
                  t + 30, t + 40, 'medium', t + 50, t + 60, 'high', t + 86, carestair._html(carestair._report_text('risk_legend', lang)));
    RETURN svg || '</svg>';
END
$$;
COMMENT ON FUNCTION carestair._svg_risk_matrix(text, jsonb, text) IS 'Internal: an SVG 5 x 5 risk matrix (likelihood by consequence) coloured by zone with the number of risks per cell. See doc/report.md.';

/* Coordinates and an SVG path of a geometry (PostGIS binds at install). */
CREATE FUNCTION carestair._geom_x(g geometry)
RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT ST_X(g);
END;
COMMENT ON FUNCTION carestair._geom_x(geometry) IS 'Internal: the x coordinate of a point (PostGIS ST_X bound at install). See doc/report.md.';

CREATE FUNCTION carestair._geom_y(g geometry)
RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT ST_Y(g);
END;
COMMENT ON FUNCTION carestair._geom_y(geometry) IS 'Internal: the y coordinate of a point (PostGIS ST_Y bound at install). See doc/report.md.';

/*
 * The part of g inside the frame x0..x1, y0..y1 (EPSG:25833) as an SVG path
 * in pixels: x' = pad + (x - x0) s, y' = pad + (y1 - y) s (ST_AsSVG negates
 * y itself).  NULL when g misses the frame.
 */
CREATE FUNCTION carestair._svg_path(g geometry, x0 float8, y0 float8, x1 float8, y1 float8, s float8, pad float8)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT ST_AsSVG(ST_Affine(ST_Intersection(ST_MakeValid(g), e.env), s, 0::float8, 0::float8, s,
                              pad OPERATOR(pg_catalog.-) x0 OPERATOR(pg_catalog.*) s,
                              OPERATOR(pg_catalog.-) y1 OPERATOR(pg_catalog.*) s OPERATOR(pg_catalog.-) pad), 0, 1)
      FROM (SELECT ST_MakeEnvelope(x0, y0, x1, y1, 25833) AS env) AS e
     WHERE ST_Intersects(g, e.env);
END;
COMMENT ON FUNCTION carestair._svg_path(geometry, float8, float8, float8, float8, float8, float8) IS 'Internal: a geometry clipped to a frame as an SVG path in pixels. See doc/report.md.';

/*
 * The catchment map of a legevakt scenario for a kommune: demand points
 * coloured by minutes to the nearest open site, kommune borders (Kartverket)
 * and the sites.  Returns NULL when the kommune has no demand points.
 */
CREATE FUNCTION carestair._svg_legevakt_map(region text, scenario text, title text, lang text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w constant float8 := 720; mh constant float8 := 480; pad constant float8 := 10;
    bx record;
    s float8;
    svg text;
    part text;
BEGIN
    SELECT min(carestair._geom_x(d.geom)) - 3000 AS x0, max(carestair._geom_x(d.geom)) + 3000 AS x1,
           min(carestair._geom_y(d.geom)) - 3000 AS y0, max(carestair._geom_y(d.geom)) + 3000 AS y1
      INTO bx FROM carestair.demand_point AS d WHERE d.region = _svg_legevakt_map.region;
    IF bx.x0 IS NULL THEN
        RETURN NULL;
    END IF;
    s := least((w - 2 * pad) / (bx.x1 - bx.x0), (mh - 2 * pad) / (bx.y1 - bx.y0));
    svg := format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img"><title>%s</title>',
                  w, mh + 40, w, mh + 40, carestair._html(title))
        || format('<rect x="0" y="0" width="%s" height="%s" fill="#f4f8fb"/>', w, mh + 40);
    -- cells
    SELECT string_agg(format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>',
                             carestair._svg_n(pad + (carestair._geom_x(d.geom) - 125 - bx.x0) * s), carestair._svg_n(pad + (bx.y1 - carestair._geom_y(d.geom) - 125) * s),
                             carestair._svg_n(greatest(250 * s, 1.5)), carestair._svg_n(greatest(250 * s, 1.5)),
                             CASE WHEN m.minutes IS NULL THEN '#777777' WHEN m.minutes <= 20 THEN '#1a9850' WHEN m.minutes <= 40 THEN '#91cf60'
                                  WHEN m.minutes <= 60 THEN '#fee08b' ELSE '#d73027' END), '' ORDER BY d.point_id)
      INTO part
      FROM carestair.demand_point AS d
      LEFT JOIN LATERAL (SELECT min(t.minutes) AS minutes FROM carestair.travel_time AS t
                           JOIN carestair.legevakt_scenario_site AS ss ON ss.site_id = t.site_id AND ss.scenario = _svg_legevakt_map.scenario
                          WHERE t.point_id = d.point_id) AS m ON true
     WHERE d.region = _svg_legevakt_map.region;
    svg := svg || coalesce(part, '');
    -- borders of every kommune in the frame
    SELECT string_agg(format('<path d="%s" fill="none" stroke="%s" stroke-width="%s"/>',
                             carestair._svg_path(g.boundary, bx.x0, bx.y0, bx.x1, bx.y1, s, pad),
                             CASE WHEN g.region = _svg_legevakt_map.region THEN '#000000' ELSE '#666666' END,
                             CASE WHEN g.region = _svg_legevakt_map.region THEN '1.6' ELSE '0.8' END), '' ORDER BY g.region = _svg_legevakt_map.region, g.region)
      INTO part
      FROM carestair.region AS g
     WHERE g.boundary IS NOT NULL AND g.valid_to IS NULL
       AND carestair._svg_path(g.boundary, bx.x0, bx.y0, bx.x1, bx.y1, s, pad) IS NOT NULL;
    svg := svg || coalesce(part, '');
    -- sites: open in this scenario red, others grey
    SELECT string_agg(format('<circle cx="%s" cy="%s" r="6" fill="%s" stroke="#ffffff" stroke-width="1.5"/><text x="%s" y="%s" font-size="11" fill="#000000">%s</text>',
                             carestair._svg_n(pad + (carestair._geom_x(t.geom) - bx.x0) * s), carestair._svg_n(pad + (bx.y1 - carestair._geom_y(t.geom)) * s),
                             CASE WHEN o.site_id IS NOT NULL THEN '#cc0000' ELSE '#555555' END,
                             carestair._svg_n(pad + (carestair._geom_x(t.geom) - bx.x0) * s + 8), carestair._svg_n(pad + (bx.y1 - carestair._geom_y(t.geom)) * s + 4),
                             carestair._html(t.name)), '' ORDER BY t.site_id)
      INTO part
      FROM carestair.site AS t
      LEFT JOIN carestair.legevakt_scenario_site AS o ON o.site_id = t.site_id AND o.scenario = _svg_legevakt_map.scenario
     WHERE carestair._geom_x(t.geom) BETWEEN bx.x0 AND bx.x1 AND carestair._geom_y(t.geom) BETWEEN bx.y0 AND bx.y1;
    svg := svg || coalesce(part, '');
    -- legend and scale
    svg := svg || format('<g font-size="11"><rect x="10" y="%1$s" width="12" height="12" fill="#1a9850"/><text x="26" y="%2$s">0-20 %3$s</text>'
                         '<rect x="130" y="%1$s" width="12" height="12" fill="#91cf60"/><text x="146" y="%2$s">20-40</text>'
                         '<rect x="200" y="%1$s" width="12" height="12" fill="#fee08b"/><text x="216" y="%2$s">40-60</text>'
                         '<rect x="270" y="%1$s" width="12" height="12" fill="#d73027"/><text x="286" y="%2$s">60+</text>'
                         '<circle cx="346" cy="%4$s" r="6" fill="#cc0000"/><text x="356" y="%2$s">%5$s</text>'
                         '<line x1="%6$s" y1="%4$s" x2="%7$s" y2="%4$s" stroke="#000000" stroke-width="2"/><text x="%7$s" y="%2$s" dx="4">10 km</text></g>',
                         mh + 12, mh + 22, carestair._html(carestair._report_text('minutes', lang)), mh + 18,
                         carestair._html(scenario), carestair._svg_n(w - 80 - 10000 * s), w - 80);
    RETURN svg || '</svg>';
END
$$;
COMMENT ON FUNCTION carestair._svg_legevakt_map(text, text, text, text) IS 'Internal: the SVG catchment map of a legevakt scenario for a kommune. See doc/report.md.';

/*
 * The council report.  Each section reads its inputs, and where they are
 * missing (a region without data, a scenario not run, a capability whose
 * tables are empty or whose module is not installed) shows a box instead
 * of the chart; data errors inside a section become such a box, so the
 * page is always built.  Objects of later modules are looked up at run
 * time (to_regclass, to_regprocedure).
 */
CREATE FUNCTION carestair.report_html(
    region                text,
    scenario              text DEFAULT NULL,
    lang                  text DEFAULT 'nb',
    dreining              text DEFAULT NULL,
    legevakt_scenario     text DEFAULT NULL,
    reference             text DEFAULT NULL,
    draws                 integer DEFAULT 1000,
    beds_arrivals_per_day float8 DEFAULT NULL,
    beds_mean_stay_days   float8 DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    reg constant text := report_html.region;
    L constant text := report_html.lang;
    rname text;
    last_obs integer;
    scen text := report_html.scenario;
    scen_problem text;
    base integer;
    lastp integer;
    then_year integer;
    popsql text;
    body text := '';
    svg text;
    rows jsonb;
    spec jsonb;
    notes text[];
    cb integer;
    arr float8;
    stay float8;
    illus boolean;
    knot_rows jsonb;
    ref text;
    res text;
    wy integer;
    ny integer;
    lscen text;
    rel text;
    fb boolean;
    iv jsonb;
    cd jsonb;
    ssb_table text;
    ssb_vintage integer;
    mark integer;
    plan record;
BEGIN
    IF reg IS NULL THEN
        RAISE EXCEPTION 'region must not be NULL' USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass a kommunenummer, e.g. ''5524''.';
    END IF;
    IF L IS NULL OR L NOT IN ('nb', 'en') THEN
        RAISE EXCEPTION 'invalid lang "%"', L USING ERRCODE = 'invalid_parameter_value',
            DETAIL = 'The report is written in Norwegian (nb) or English (en).', HINT = 'Pass lang => ''nb'' or lang => ''en''.';
    END IF;
    IF draws IS NULL OR draws < 10 OR draws > 100000 THEN
        RAISE EXCEPTION 'invalid draws %', draws USING ERRCODE = 'invalid_parameter_value',
            DETAIL = 'The prediction intervals need 10 to 100000 stochastic draws.', HINT = 'The default 1000 is enough for 95 % intervals.';
    END IF;
    IF (beds_arrivals_per_day IS NULL) <> (beds_mean_stay_days IS NULL) OR beds_arrivals_per_day <= 0 OR beds_mean_stay_days <= 0 THEN
        RAISE EXCEPTION 'invalid beds_arrivals_per_day % and beds_mean_stay_days %', beds_arrivals_per_day, beds_mean_stay_days
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Give both, positive, or neither (then the report uses illustrative values).',
                  HINT = 'E.g. beds_arrivals_per_day => 1.5, beds_mean_stay_days => 5.';
    END IF;

    SELECT g.name INTO rname FROM carestair.region AS g WHERE g.region = reg ORDER BY g.valid_to IS NULL DESC, g.valid_from DESC LIMIT 1;
    SELECT max(p.year) INTO last_obs FROM carestair.population AS p WHERE p.region = reg;

    -- The projection scenario: given, or the latest run that holds the kommune.
    IF scen IS NULL THEN
        SELECT u.scenario INTO scen FROM carestair.projection_run AS u WHERE reg = ANY (u.regions) ORDER BY u.run_at DESC, u.scenario LIMIT 1;
        IF scen IS NULL THEN
            scen_problem := CASE L WHEN 'nb' THEN 'Ingen framskriving er kjørt for kommunen (carestair.run_projection_scenario).'
                                   ELSE 'No projection has been run for the kommune (carestair.run_projection_scenario).' END;
        END IF;
    ELSIF NOT EXISTS (SELECT FROM carestair.projection_scenario AS p WHERE p.scenario = scen) THEN
        scen_problem := format(CASE L WHEN 'nb' THEN 'Scenarioet «%s» finnes ikke.' ELSE 'The scenario "%s" does not exist.' END, scen);
    ELSIF NOT EXISTS (SELECT FROM carestair.projection_run AS u WHERE u.scenario = scen AND reg = ANY (u.regions)) THEN
        scen_problem := format(CASE L WHEN 'nb' THEN 'Scenarioet «%s» er ikke kjørt for kommunen.' ELSE 'The scenario "%s" has not been run for the kommune.' END, scen);
    END IF;
    IF scen_problem IS NULL THEN
        SELECT u.base_year, u.last_year INTO base, lastp FROM carestair.projection_run AS u WHERE u.scenario = scen;
        then_year := least(2040, lastp);
        popsql := carestair._bi_population_sql(scen, reg);
    ELSIF last_obs IS NOT NULL THEN
        popsql := format('SELECT region, year, age, sum(persons) AS persons FROM carestair.population WHERE region = %L GROUP BY region, year, age', reg);
    END IF;

    -- 1. Population pyramid
    body := body || carestair._report_section('s_population', L);
    mark := length(body);
    BEGIN
        IF last_obs IS NULL THEN
            body := body || carestair._report_missing(L,
                CASE L WHEN 'nb' THEN 'Ingen befolkningstall for kommunen. Last SSB tabell 07459 (carestair.import_ssb_population).'
                       ELSE 'No population figures for the kommune. Load SSB table 07459 (carestair.import_ssb_population).' END);
        ELSE
            SELECT jsonb_agg(jsonb_build_array(CASE WHEN q.g = 18 THEN '90+' ELSE (5 * q.g) || '-' || (5 * q.g + 4) END,
                                               q.m_now, q.f_now, q.m_then, q.f_then) ORDER BY q.g)
              INTO rows
              FROM (SELECT least(a.age / 5, 18) AS g,
                           sum(a.persons) FILTER (WHERE a.src = 0 AND a.sex = 1)::bigint AS m_now,
                           sum(a.persons) FILTER (WHERE a.src = 0 AND a.sex = 2)::bigint AS f_now,
                           round(sum(a.persons) FILTER (WHERE a.src = 1 AND a.sex = 1)) AS m_then,
                           round(sum(a.persons) FILTER (WHERE a.src = 1 AND a.sex = 2)) AS f_then
                      FROM (SELECT 0 AS src, p.age::integer AS age, p.sex::integer AS sex, p.persons::numeric AS persons
                              FROM carestair.population AS p WHERE p.region = reg AND p.year = last_obs
                            UNION ALL
                            SELECT 1, r.age, r.sex, r.persons::numeric FROM carestair.projection_result AS r
                             WHERE scen_problem IS NULL AND r.scenario = scen AND r.region = reg AND r.year = then_year) AS a
                     GROUP BY 1) AS q;
            svg := carestair._svg_pyramid(carestair._report_text('c_pyramid', L), rows, '1.1.' || last_obs,
                                          CASE WHEN scen_problem IS NULL THEN '1.1.' || then_year || ' (' || scen || ')' END, L);
            notes := CASE WHEN scen_problem IS NOT NULL THEN ARRAY[scen_problem] END;
            body := body || carestair._report_figure('fig-pyramid', carestair._report_text('c_pyramid', L) || ': ' || coalesce(rname, reg), svg,
                        carestair._report_text('unit', L) || ': ' || lower(carestair._report_text('persons', L)) || '.',
                        carestair._report_text('source', L) || ': SSB 07459' || CASE WHEN scen_problem IS NULL THEN '; ' || carestair._report_text('projection', L) || ' (SSB, HMD).' ELSE '.' END,
                        notes,
                        carestair._report_table('tab-pyramid', ARRAY[carestair._report_text('age', L),
                            carestair._report_text('males', L) || ' ' || last_obs, carestair._report_text('females', L) || ' ' || last_obs,
                            carestair._report_text('males', L) || ' ' || coalesce(then_year::text, '–'), carestair._report_text('females', L) || ' ' || coalesce(then_year::text, '–')],
                            rows, '{0,0,0,0,0}', L));
            IF scen_problem IS NOT NULL THEN
                body := body || carestair._report_missing(L, scen_problem);
            END IF;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 2. The oldest with intervals and SSB's projection beside
    body := body || carestair._report_section('s_oldest', L);
    mark := length(body);
    BEGIN
        IF last_obs IS NULL OR scen_problem IS NOT NULL THEN
            body := body || carestair._report_missing(L, coalesce(scen_problem,
                CASE L WHEN 'nb' THEN 'Ingen befolkningstall for kommunen.' ELSE 'No population figures for the kommune.' END));
        ELSE
            notes := ARRAY[]::text[];
            spec := jsonb_build_object('series', '[]'::jsonb, 'bands', '[]'::jsonb);
            BEGIN
                SELECT jsonb_agg(jsonb_build_object('age_group', i.age_group, 'year', i.year, 'mean', i.mean, 'q', i.quantile_values))
                  INTO iv
                  FROM carestair.project_population_intervals(scen, ARRAY[reg], least(lastp, 2050), draws, 1, '{0.025,0.1,0.9,0.975}', 'report_oldest') AS i
                 WHERE i.sex IS NULL AND i.region = reg AND i.age_group IN ('67+', '80+', '90+');
            EXCEPTION WHEN OTHERS THEN
                notes := notes || (CASE L WHEN 'nb' THEN 'Ingen prediksjonsintervaller: ' ELSE 'No prediction intervals: ' END || SQLERRM);
            END;
            SELECT jsonb_build_object(
                     'series', jsonb_agg(x.s ORDER BY x.o),
                     'bands', (SELECT jsonb_agg(jsonb_build_object('color', c.color, 'opacity', c.op,
                                      'points', (SELECT jsonb_agg(jsonb_build_array(v.year, v.q[c.lo], v.q[c.hi]) ORDER BY v.year)
                                                   FROM jsonb_to_recordset(COALESCE(iv, '[]')) AS v(age_group text, year integer, mean float8, q float8[]) WHERE v.age_group = c.grp)))
                                 FROM (VALUES ('67+', '#4477aa', 0.15, 1, 4), ('67+', '#4477aa', 0.25, 2, 3),
                                              ('80+', '#ee6677', 0.15, 1, 4), ('80+', '#ee6677', 0.25, 2, 3),
                                              ('90+', '#228833', 0.15, 1, 4), ('90+', '#228833', 0.25, 2, 3)) AS c(grp, color, op, lo, hi)
                                WHERE EXISTS (SELECT FROM jsonb_to_recordset(COALESCE(iv, '[]')) AS v(age_group text, year integer, mean float8, q float8[]) WHERE v.age_group = c.grp)))
              INTO spec
              FROM (SELECT g.o, jsonb_build_object('label', g.grp || ' ' || carestair._report_text('observed', L), 'color', g.color,
                                'points', (SELECT jsonb_agg(jsonb_build_array(s.year, CASE g.grp WHEN '67+' THEN s.persons_67_plus WHEN '80+' THEN s.persons_80_plus ELSE s.persons_90_plus END) ORDER BY s.year)
                                             FROM carestair.population_summary_by_year AS s WHERE s.region = reg AND s.year <= base)) AS s
                      FROM (VALUES (1, '67+', '#4477aa'), (3, '80+', '#ee6677'), (5, '90+', '#228833')) AS g(o, grp, color)
                    UNION ALL
                    SELECT g.o + 1, jsonb_build_object('label', g.grp || ' ' || carestair._report_text('projected', L), 'color', g.color, 'dash', true,
                                'points', (SELECT jsonb_agg(jsonb_build_array(i.year, CASE g.grp WHEN '67+' THEN i.persons_67_plus WHEN '80+' THEN i.persons_80_plus ELSE i.persons_90_plus END) ORDER BY i.year)
                                             FROM carestair.projection_indicators AS i WHERE i.scenario = scen AND i.region = reg AND i.year <= 2050))
                      FROM (VALUES (1, '67+', '#4477aa'), (3, '80+', '#ee6677'), (5, '90+', '#228833')) AS g(o, grp, color)) AS x;
            -- SSB's own projection beside: the main alternative (MMMM) of the latest vintage that has an 80+ group.
            SELECT s.table_id, s.vintage INTO ssb_table, ssb_vintage
              FROM carestair.ssb_projection AS s
             WHERE s.region = reg AND s.alternative = 'MMMM' AND s.sex IS NULL AND s.age_from = 80 AND s.age_to IS NULL
             ORDER BY s.vintage DESC, s.table_id DESC LIMIT 1;
            IF ssb_table IS NULL THEN
                notes := notes || CASE WHEN EXISTS (SELECT FROM carestair.ssb_projection AS s WHERE s.region = reg AND s.alternative = 'MMMM')
                    THEN CASE L WHEN 'nb' THEN 'SSBs framskriving (MMMM) for kommunen har ingen gruppe 80+, bare andre aldersgrupper; den vises ikke her.'
                                ELSE 'SSB''s projection (MMMM) for the kommune has no 80+ group, only other age groups; it is not shown here.' END
                    ELSE CASE L WHEN 'nb' THEN 'SSBs framskriving (MMMM) er ikke lastet for kommunen (carestair.import_ssb_projection).'
                                ELSE 'SSB''s projection (MMMM) is not loaded for the kommune (carestair.import_ssb_projection).' END END;
            ELSE
                spec := jsonb_set(spec, '{series}', carestair._json_list(spec -> 'series') || jsonb_build_array(jsonb_build_object(
                            'label', 'SSB 80+ (' || ssb_table || ' ' || ssb_vintage || ' MMMM)', 'color', '#777777', 'dash', true,
                            'points', (SELECT jsonb_agg(jsonb_build_array(s.year, s.persons) ORDER BY s.year) FROM carestair.ssb_projection AS s
                                        WHERE s.table_id = ssb_table AND s.vintage = ssb_vintage AND s.alternative = 'MMMM' AND s.region = reg
                                          AND s.sex IS NULL AND s.age_from = 80 AND s.age_to IS NULL AND s.year <= 2050))));
            END IF;
            svg := carestair._svg_line_chart(carestair._report_text('c_oldest', L), carestair._report_text('year', L),
                                             carestair._report_text('persons', L), spec);
            SELECT jsonb_agg(jsonb_build_array(i.year::text, i.persons_67_plus, i.persons_80_plus, i.persons_90_plus,
                                               v.q[1], v.q[2], v.q[3], v.q[4]) ORDER BY i.year)
              INTO rows
              FROM carestair.projection_indicators AS i
              LEFT JOIN jsonb_to_recordset(COALESCE(iv, '[]')) AS v(age_group text, year integer, mean float8, q float8[]) ON v.age_group = '80+' AND v.year = i.year
             WHERE i.scenario = scen AND i.region = reg AND (i.year = base OR i.year % 5 = 0) AND i.year <= 2050;
            body := body || carestair._report_figure('fig-oldest', carestair._report_text('c_oldest', L) || ': ' || coalesce(rname, reg), svg,
                        carestair._report_text('unit', L) || ': ' || lower(carestair._report_text('persons', L)) || ' (1.1.).',
                        carestair._report_text('source', L) || ': SSB 07459; ' || carestair._report_text('projection', L) || ' ' || scen || ' (SSB, HMD); '
                            || draws || CASE L WHEN 'nb' THEN ' stokastiske trekk med carestairs standardparametre (illustrative, ikke kalibrert).'
                                              ELSE ' stochastic draws with carestair''s default parameters (illustrative, not calibrated).' END,
                        notes,
                        carestair._report_table('tab-oldest', ARRAY[carestair._report_text('year', L), '67+', '80+', '90+',
                            '80+ 2.5 %', '80+ 10 %', '80+ 90 %', '80+ 97.5 %'], rows, '{0,1,1,1,1,1,1,1}', L));
            IF ssb_table IS NOT NULL THEN
                SELECT jsonb_agg(jsonb_build_array(c.year::text, c.age_group, c.carestair_persons, c.ssb_persons, c.difference, 100 * c.relative_difference)
                                 ORDER BY c.year, c.age_from, c.age_to NULLS LAST)
                  INTO rows
                  FROM carestair.scenario_vs_ssb AS c
                 WHERE c.scenario = scen AND c.region = reg AND c.table_id = ssb_table AND c.vintage = ssb_vintage AND c.alternative = 'MMMM'
                   AND c.sex IS NULL AND (c.year = base OR c.year % 5 = 0) AND c.year <= 2050;
                body := body || CASE WHEN rows IS NULL THEN carestair._report_missing(L, 'carestair.scenario_vs_ssb: '
                            || CASE L WHEN 'nb' THEN 'ingen felles år med SSBs framskriving.' ELSE 'no year in common with SSB''s projection.' END)
                    ELSE carestair._report_figure('fig-ssb', carestair._report_text('c_ssb', L) || ' (' || ssb_table || ', ' || ssb_vintage || ', MMMM)', '',
                            carestair._report_text('unit', L) || ': ' || lower(carestair._report_text('persons', L)) || '; % = (carestair - SSB) / SSB.',
                            carestair._report_text('source', L) || ': SSB ' || ssb_table || ' (' || ssb_vintage || ', MMMM); ' || carestair._report_text('projection', L) || ' ' || scen || ' (carestair.scenario_vs_ssb).',
                            NULL,
                            carestair._report_table('tab-ssb', ARRAY[carestair._report_text('year', L), carestair._report_text('age', L), 'carestair', 'SSB',
                                carestair._report_text('difference', L), carestair._report_text('difference', L) || ' %'], rows, '{0,0,1,0,1,1}', L)) END;
            END IF;
            FOREACH rel IN ARRAY notes LOOP
                body := body || carestair._report_box('missing', carestair._report_text('not_available', L), rel);
            END LOOP;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 3. The omsorgstrapp with and without dreining
    body := body || carestair._report_section('s_care', L);
    mark := length(body);
    BEGIN
        cb := carestair._bi_coverage_base(reg);
        IF popsql IS NULL OR cb IS NULL THEN
            body := body || carestair._report_missing(L,
                CASE L WHEN 'nb' THEN 'Brukere per trinn (carestair.care_users) og befolkning trengs for dekningsgrader.'
                       ELSE 'Users per step (carestair.care_users) and population are needed for coverage rates.' END);
        ELSE
            BEGIN
                notes := ARRAY[format(CASE L WHEN 'nb' THEN 'Dekningsgrader fra %s-%s holdt fast.' ELSE 'Coverage rates of %s-%s held fixed.' END, cb - 2, cb)];
                IF dreining IS NULL THEN
                    notes := notes || (CASE L WHEN 'nb' THEN 'Ingen dreining valgt (parameter dreining): bare uten dreining vises.'
                                              ELSE 'No dreining chosen (parameter dreining): only without dreining is shown.' END);
                END IF;
                SELECT jsonb_agg(jsonb_build_object('dreining', c.scenario_name IS NOT NULL, 'year', c.year, 'level', c.level::text, 'step', l.step,
                                                    'users', c.users, 'places', c.places))
                  INTO cd
                  FROM (SELECT * FROM carestair.care_demand(reg, cb - 2, cb, popsql)
                        UNION ALL
                        SELECT * FROM carestair.care_demand(reg, cb - 2, cb, popsql, dreining) WHERE dreining IS NOT NULL) AS c
                  JOIN carestair.care_level_label AS l ON l.level = c.level
                 WHERE c.year >= cb AND c.year <= 2050;
                FOREACH rel IN ARRAY ARRAY['users', 'places'] LOOP
                    SELECT jsonb_build_object('series', jsonb_agg(jsonb_build_object(
                               'label', q.level || CASE WHEN q.dreining THEN ' (' || carestair._report_text('with_dreining', L) || ')' ELSE '' END,
                               'color', (ARRAY['#4477aa', '#66ccee', '#228833', '#ccbb44', '#ee6677', '#aa3377', '#bbbbbb', '#000000'])[q.step],
                               'dash', q.dreining, 'points', q.pts) ORDER BY q.step, q.dreining))
                      INTO spec
                      FROM (SELECT d.dreining, d.level, d.step,
                                   jsonb_agg(jsonb_build_array(d.year, CASE rel WHEN 'users' THEN d.users ELSE d.places END) ORDER BY d.year) AS pts
                              FROM jsonb_to_recordset(COALESCE(cd, '[]')) AS d(dreining boolean, year integer, level text, step integer, users float8, places float8)
                             WHERE CASE rel WHEN 'users' THEN d.users > 0 ELSE d.places > 0 END
                             GROUP BY 1, 2, 3) AS q;
                    svg := carestair._svg_line_chart(carestair._report_text(CASE rel WHEN 'users' THEN 'c_users' ELSE 'c_places' END, L),
                                                     carestair._report_text('year', L), carestair._report_text(rel, L), spec);
                    SELECT jsonb_agg(jsonb_build_array(d.level || CASE WHEN d.dreining THEN ' (' || carestair._report_text('with_dreining', L) || ')' ELSE '' END,
                                                       d.year::text, CASE rel WHEN 'users' THEN d.users ELSE d.places END) ORDER BY d.step, d.dreining, d.year)
                      INTO rows
                      FROM jsonb_to_recordset(COALESCE(cd, '[]')) AS d(dreining boolean, year integer, level text, step integer, users float8, places float8)
                     WHERE (d.year IN (cb, 2030, 2035, 2040, 2045, 2050)) AND CASE rel WHEN 'users' THEN d.users > 0 ELSE d.places > 0 END;
                    body := body || CASE WHEN svg IS NULL
                        THEN carestair._report_missing(L,
                                 CASE L WHEN 'nb' THEN 'Ingen trinn med ' ELSE 'No step with ' END || lower(carestair._report_text(rel, L)) || '.')
                        ELSE carestair._report_figure('fig-care-' || rel, carestair._report_text(CASE rel WHEN 'users' THEN 'c_users' ELSE 'c_places' END, L), svg,
                                 carestair._report_text('unit', L) || ': ' || lower(carestair._report_text(rel, L)) || '.',
                                 carestair._report_text('source', L) || ': SSB/KOSTRA (IPLOS) ' || (cb - 2) || '-' || cb || '; SSB 07459; ' || carestair._report_text('projection', L) || ' ' || coalesce(scen, '–')
                                     || CASE WHEN dreining IS NOT NULL THEN '; dreining ' || dreining || ' (carestair.care_shift)' ELSE '' END || '.',
                                 CASE WHEN rel = 'users' THEN notes END,
                                 carestair._report_table('tab-care-' || rel, ARRAY['', carestair._report_text('year', L), carestair._report_text(rel, L)], rows, '{0,0,1}', L)) END;
                END LOOP;
            EXCEPTION WHEN OTHERS THEN
                body := body || carestair._report_missing(L, SQLERRM);
            END;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 4. Short-stay beds (Erlang B)
    body := body || carestair._report_section('s_beds', L);
    mark := length(body);
    BEGIN
        illus := beds_arrivals_per_day IS NULL;
        arr := coalesce(beds_arrivals_per_day, 1.5);
        stay := coalesce(beds_mean_stay_days, 5);
        IF popsql IS NULL THEN
            body := body || carestair._report_missing(L,
                CASE L WHEN 'nb' THEN 'Ingen befolkningstall for kommunen.' ELSE 'No population figures for the kommune.' END);
        ELSE
            BEGIN
                SELECT jsonb_agg(jsonb_build_array(b.year::text, b.arrivals, b.offered_load, b.beds, 100 * b.refusal_probability) ORDER BY b.year)
                  INTO rows
                  FROM carestair.short_stay_beds(reg, last_obs, arr, stay, popsql) AS b
                 WHERE b.year = last_obs OR (b.year > last_obs AND b.year % 5 = 0 AND b.year <= 2050);
                SELECT jsonb_build_object('series', jsonb_agg(jsonb_build_object('label', (y ->> 0) || ': ' || round((y ->> 2)::numeric, 1) || ' erlang',
                           'color', CASE WHEN o = 1 THEN '#4477aa' ELSE '#ee6677' END,
                           'points', (SELECT jsonb_agg(jsonb_build_array(n, 100 * carestair.erlang_b((y ->> 2)::float8, n)) ORDER BY n)
                                        FROM generate_series(1, (rows -> -1 ->> 3)::integer + 6) AS n))),
                           'hlines', jsonb_build_array(jsonb_build_object('y', 5, 'label', '5 %')))
                  INTO spec
                  FROM (SELECT rows -> 0 AS y, 1 AS o UNION ALL SELECT rows -> -1, 2 WHERE jsonb_array_length(rows) > 1) AS e;
                svg := carestair._svg_line_chart(carestair._report_text('c_beds', L), carestair._report_text('beds', L),
                                                 carestair._report_text('refusal', L) || ' (%)', spec);
                body := body || carestair._report_figure('fig-beds', carestair._report_text('c_beds', L), svg,
                            carestair._report_text('unit', L) || ': ' || carestair._report_text('u_beds', L),
                            carestair._report_text('source', L) || ': ' || carestair._report_text('src_beds', L),
                            CASE WHEN illus THEN ARRAY[carestair._report_text('illustrative', L) || ': ' || CASE L
                                WHEN 'nb' THEN '1,5 innleggelser per døgn og 5 døgns liggetid i dag er eksempeltall, ikke kommunens.'
                                ELSE '1.5 admissions a day and a 5-day mean stay today are example figures, not the kommune''s.' END] END,
                            carestair._report_table('tab-beds', ARRAY[carestair._report_text('year', L), carestair._report_text('arrivals', L), 'erlang',
                                carestair._report_text('beds', L) || ' (≤ 5 %)', carestair._report_text('refusal', L) || ' %'], rows, '{0,2,1,0,1}', L));
            EXCEPTION WHEN OTHERS THEN
                body := body || carestair._report_missing(L, SQLERRM);
            END;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 5. Legevakt: catchment map and scenarios
    body := body || carestair._report_section('s_legevakt', L);
    mark := length(body);
    BEGIN
        lscen := coalesce(legevakt_scenario, (SELECT m.scenario FROM carestair.legevakt_scenario_member AS m WHERE m.region = reg ORDER BY m.scenario LIMIT 1));
        IF lscen IS NULL OR NOT EXISTS (SELECT FROM carestair.legevakt_scenario AS s WHERE s.scenario = lscen)
           OR NOT EXISTS (SELECT FROM carestair.demand_point AS d WHERE d.region = reg) THEN
            body := body || carestair._report_missing(L,
                CASE L WHEN 'nb' THEN 'Legevaktscenario, befolkningsrutenett (carestair.demand_point) og reisetider trengs for kommunen'
                       ELSE 'A legevakt scenario, population grid (carestair.demand_point) and travel times are needed for the kommune' END
                || coalesce(' (' || legevakt_scenario || ')', '') || '.');
        ELSE
            fb := EXISTS (SELECT FROM carestair.travel_time AS t JOIN carestair.demand_point AS d USING (point_id)
                           WHERE d.region = reg AND t.method LIKE '%fallback%');
            svg := carestair._svg_legevakt_map(reg, lscen, carestair._report_text('c_map', L) || ': ' || lscen, L);
            SELECT jsonb_agg(jsonb_build_array(b.label, b.persons) ORDER BY b.o) INTO rows
              FROM (SELECT CASE WHEN m.minutes IS NULL THEN 4 WHEN m.minutes <= 20 THEN 0 WHEN m.minutes <= 40 THEN 1 WHEN m.minutes <= 60 THEN 2 ELSE 3 END AS o,
                           (ARRAY['0-20', '20-40', '40-60', '60+', 'unreachable'])[1 + CASE WHEN m.minutes IS NULL THEN 4 WHEN m.minutes <= 20 THEN 0 WHEN m.minutes <= 40 THEN 1 WHEN m.minutes <= 60 THEN 2 ELSE 3 END] AS label,
                           sum(d.persons) AS persons
                      FROM carestair.demand_point AS d
                      LEFT JOIN LATERAL (SELECT min(t.minutes) AS minutes FROM carestair.travel_time AS t
                                           JOIN carestair.legevakt_scenario_site AS ss ON ss.site_id = t.site_id AND ss.scenario = lscen
                                          WHERE t.point_id = d.point_id) AS m ON true
                     WHERE d.region = reg GROUP BY 1, 2) AS b;
            body := body || carestair._report_figure('fig-legevakt-map', carestair._report_text('c_map', L) || ': ' || lscen, svg,
                        carestair._report_text('unit', L) || ': ' || carestair._report_text('u_map', L),
                        carestair._report_text('source', L) || ': ' || carestair._report_text('src_map', L),
                        CASE WHEN fb THEN ARRAY[carestair._report_text('fallback', L) || ': ' || CASE L
                            WHEN 'nb' THEN 'reisetider er luftlinje x 1,3 ved 60 km/t, ikke veireise (ingen veinett lastet).'
                            ELSE 'travel times are straight line x 1.3 at 60 km/h, not road travel (no road network loaded).' END] END,
                        carestair._report_table('tab-legevakt-map', ARRAY[carestair._report_text('minutes', L), carestair._report_text('persons', L)], rows, '{0,0}', L));
            BEGIN
                SELECT jsonb_agg(jsonb_build_array(c.scenario, 100 * c.share_within_norm, c.mean_minutes, c.total_cost, c.cost_per_inhabitant) ORDER BY c.scenario)
                  INTO rows
                  FROM carestair.compare_legevakt_scenarios(40) AS c WHERE c.region = reg;
                SELECT jsonb_agg(jsonb_build_object('label', x ->> 0, 'to', (x ->> 1)::float8,
                                 'text', carestair._report_num((x ->> 1)::float8, 1, L) || ' %', 'color', '#4477aa'))
                  INTO spec FROM jsonb_array_elements(rows) AS x;
                svg := carestair._svg_bar_chart(carestair._report_text('share40', L), carestair._report_text('share40', L) || ' (%)', spec);
                SELECT jsonb_agg(jsonb_build_object('label', x ->> 0, 'to', (x ->> 4)::float8,
                                 'text', carestair._report_num((x ->> 4)::float8, 0, L) || ' NOK', 'color', '#ccbb44'))
                  INTO spec FROM jsonb_array_elements(rows) AS x;
                body := body || CASE WHEN svg IS NULL THEN carestair._report_missing(L,
                            CASE L WHEN 'nb' THEN 'Ingen legevaktscenarier med kommunen som medlem.' ELSE 'No legevakt scenario has the kommune as a member.' END)
                        ELSE carestair._report_figure('fig-legevakt-coverage', carestair._report_text('c_coverage', L),
                            svg || carestair._svg_bar_chart(carestair._report_text('cost_inh', L), carestair._report_text('cost_inh', L) || ' (' || carestair._report_text('nok_year', L) || ')', spec),
                            carestair._report_text('unit', L) || ': ' || carestair._report_text('u_coverage', L),
                            carestair._report_text('source', L) || ': ' || carestair._report_text('src_coverage', L),
                            ARRAY[carestair._report_text('illustrative', L) || ': ' || CASE L WHEN 'nb' THEN 'kostnadsparametrene er antatte eksempelverdier der ikke kommunen har lagt inn egne.'
                                  ELSE 'cost parameters are assumed example values unless the kommune has entered its own.' END]
                            || CASE WHEN fb THEN ARRAY[carestair._report_text('fallback', L) || ': ' || carestair._report_text('straight', L)] ELSE '{}'::text[] END,
                            carestair._report_table('tab-legevakt-coverage', ARRAY['scenario', carestair._report_text('share40', L) || ' %', carestair._report_text('mean_min', L), carestair._report_text('nok_year', L), carestair._report_text('cost_inh', L)],
                                rows, '{0,1,1,0,0}', L)) END;
            EXCEPTION WHEN OTHERS THEN
                body := body || carestair._report_missing(L, SQLERRM);
            END;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 6. Why dearer: the waterfall from the reference to the kommune
    body := body || carestair._report_section('s_why', L);
    mark := length(body);
    BEGIN
        ref := coalesce(reference, (SELECT 'peer_set:' || m.peer_set FROM carestair.peer_set_member AS m WHERE m.region = reg ORDER BY m.peer_set LIMIT 1));
        res := CASE WHEN EXISTS (SELECT FROM carestair.kostra_figure AS f WHERE f.region = reg) THEN 'nok' ELSE 'nurse_arsverk' END;
        wy := CASE res WHEN 'nok' THEN (SELECT max(f.year) FROM carestair.kostra_figure AS f WHERE f.region = reg)
                       ELSE (SELECT max(s.year) FROM carestair.care_service_stat AS s WHERE s.region = reg) END;
        ny := (SELECT max(n.year) FROM carestair.need_index AS n WHERE n.region = reg AND n.year > wy);
        IF ref IS NULL OR wy IS NULL THEN
            body := body || carestair._report_missing(L,
                CASE L WHEN 'nb' THEN 'En referanse (sammenligningskommuner i carestair.peer_set) og KOSTRA-tall for kommunen trengs.'
                       ELSE 'A reference (peer kommuner in carestair.peer_set) and KOSTRA figures for the kommune are needed.' END);
        ELSE
            BEGIN
                SELECT jsonb_agg(jsonb_build_array(w.effect, w.kommune_value, w.reference_value, w.per_inhabitant, w.total, w.unit) ORDER BY o.n)
                  INTO rows
                  FROM carestair.why_dearer(reg, wy, ref, res, need_year => ny) AS w
                  JOIN (VALUES ('gap', 1), ('age_mix', 2), ('coverage', 3), ('unit_cost', 4), ('residual', 5), ('need_index_expected', 6), ('need_adjusted_gap', 7)) AS o(e, n)
                    ON o.e = w.effect
                 WHERE w.service = 'all';
                WITH e AS (SELECT x ->> 0 AS effect, (x ->> 3)::float8 AS v, n FROM jsonb_array_elements(rows) WITH ORDINALITY AS a(x, n)
                            WHERE x ->> 0 IN ('age_mix', 'coverage', 'unit_cost', 'residual')),
                     g AS (SELECT (x ->> 1)::float8 AS k, (x ->> 2)::float8 AS r FROM jsonb_array_elements(rows) AS x WHERE x ->> 0 = 'gap')
                SELECT jsonb_build_array(jsonb_build_object('label', carestair._report_text('reference', L), 'to', g.r, 'color', '#999999',
                                                            'text', carestair._report_num(g.r, 2, L)))
                       || coalesce((SELECT jsonb_agg(jsonb_build_object('label', carestair._report_text(e.effect, L),
                                         'from', g.r + coalesce((SELECT sum(e2.v) FROM e AS e2 WHERE e2.n < e.n), 0),
                                         'to', g.r + (SELECT sum(e2.v) FROM e AS e2 WHERE e2.n <= e.n),
                                         'color', CASE WHEN e.v >= 0 THEN '#ee6677' ELSE '#228833' END,
                                         'text', carestair._report_num(e.v, 2, L)) ORDER BY e.n) FROM e), '[]')
                       || jsonb_build_array(jsonb_build_object('label', coalesce(rname, reg), 'to', g.k, 'color', '#4477aa', 'text', carestair._report_num(g.k, 2, L)))
                  INTO spec FROM g;
                svg := carestair._svg_bar_chart(carestair._report_text('c_why', L), coalesce(rows -> 0 ->> 5, ''), spec);
                body := body || CASE WHEN svg IS NULL THEN carestair._report_missing(L, 'why_dearer returned no rows.')
                    ELSE carestair._report_figure('fig-why', carestair._report_text('c_why', L) || ' (' || ref || ', ' || wy || ')', svg,
                            carestair._report_text('unit', L) || ': ' || coalesce(rows -> 0 ->> 5, '') || '.',
                            carestair._report_text('source', L) || ': SSB KOSTRA ' || wy || CASE WHEN ny IS NOT NULL THEN '; KMD Grønt hefte ' || ny || ' (need index)' ELSE '' END || '.',
                            CASE WHEN ny IS NOT NULL AND EXISTS (SELECT FROM carestair.need_index AS n WHERE n.region = reg AND n.year = ny AND n.derived)
                                 THEN ARRAY[CASE L WHEN 'nb' THEN 'Behovsindeksen for pleie og omsorg er avledet av carestair fra KMDs vekter (ikke verifisert).'
                                            ELSE 'The pleie og omsorg need index is derived by carestair from KMD weights (unverified).' END] END,
                            carestair._report_table('tab-why', ARRAY[carestair._report_text('effect', L), coalesce(rname, reg), carestair._report_text('reference', L), carestair._report_text('per_inh', L), carestair._report_text('total', L), carestair._report_text('unit', L)],
                                rows, '{0,4,4,4,2,0}', L)) END;
            EXCEPTION WHEN OTHERS THEN
                body := body || carestair._report_missing(L, SQLERRM);
            END;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 7. The weekend knot of the kommune's staffing units
    body := body || carestair._report_section('s_knot', L);
    mark := length(body);
    BEGIN
        BEGIN
            SELECT jsonb_agg(jsonb_build_array(u.name, k.weekend_every, k.min_headcount, k.mean_position_pct, k.net_arsverk, u.is_example)
                             ORDER BY u.unit, k.weekend_every)
              INTO knot_rows
              FROM carestair.staffing_unit AS u, LATERAL carestair.weekend_knot(u.unit, ARRAY[2, 3, 4]) AS k
             WHERE u.region = reg;
            IF knot_rows IS NULL THEN
                body := body || carestair._report_missing(L,
                    CASE L WHEN 'nb' THEN 'Ingen bemanningsplan for kommunen (carestair.staffing_unit).' ELSE 'No staffing plan for the kommune (carestair.staffing_unit).' END);
            ELSE
                SELECT jsonb_agg(jsonb_build_object('label', x ->> 0, 'to', (x ->> 2)::float8,
                                 'color', (ARRAY['#4477aa', '#ee6677', '#228833'])[(x ->> 1)::integer - 1],
                                 'text', 'k=' || (x ->> 1) || ': ' || (x ->> 2) || ' · ' || carestair._report_num((x ->> 3)::float8, 1, L) || ' %'))
                  INTO spec FROM jsonb_array_elements(knot_rows) AS x;
                svg := carestair._svg_bar_chart(carestair._report_text('c_knot', L), carestair._report_text('headcount', L)
                                                || ' (' || carestair._report_text('every_k', L) || ')', spec);
                body := body || carestair._report_figure('fig-knot', carestair._report_text('c_knot', L), svg,
                            carestair._report_text('unit', L) || ': ' || carestair._report_text('u_knot', L),
                            carestair._report_text('source', L) || ': ' || carestair._report_text('src_knot', L),
                            CASE WHEN EXISTS (SELECT FROM jsonb_array_elements(knot_rows) AS x WHERE (x ->> 5)::boolean)
                                 THEN ARRAY[carestair._report_text('illustrative', L) || ': ' || CASE L WHEN 'nb' THEN 'eksempelplan, ikke reelle data.' ELSE 'example plan, not real data.' END] END,
                            carestair._report_table('tab-knot', ARRAY[carestair._report_text('unit_name', L), carestair._report_text('every_k', L), carestair._report_text('headcount', L),
                                carestair._report_text('position', L), 'netto årsverk', carestair._report_text('example', L)],
                                (SELECT jsonb_agg(x - 5 || jsonb_build_array(carestair._report_text(CASE WHEN (x ->> 5)::boolean THEN 'yes' ELSE 'no' END, L))) FROM jsonb_array_elements(knot_rows) AS x),
                                '{0,0,0,1,2,0}', L));
            END IF;
        EXCEPTION WHEN OTHERS THEN
            body := body || carestair._report_missing(L, SQLERRM);
        END;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    -- 8. Dementia, the national legevakt norm, the plan's indicators and its risk matrix
    body := body || carestair._report_section('s_more', L);
    mark := length(body);
    BEGIN
        -- Dementia to 2050 from the projection scenario
        IF scen_problem IS NOT NULL THEN
            body := body || carestair._report_missing(L, carestair._report_text('c_dementia', L) || ': ' || scen_problem);
        ELSE
            SELECT jsonb_agg(jsonb_build_array(q.year, q.with_dementia) ORDER BY q.year) INTO rows
              FROM (SELECT d.year, sum(d.with_dementia) AS with_dementia
                      FROM carestair.dementia_estimate(format('SELECT region, year, sex, age, persons FROM carestair.projection_result WHERE scenario = %L AND region = %L', scen, reg)) AS d
                     WHERE d.year <= 2050 GROUP BY d.year) AS q;
            svg := carestair._svg_line_chart(carestair._report_text('c_dementia', L), carestair._report_text('year', L), carestair._report_text('persons', L),
                       jsonb_build_object('series', jsonb_build_array(jsonb_build_object('label', carestair._report_text('with_dementia', L), 'color', '#aa3377', 'points', rows))));
            body := body || CASE WHEN svg IS NULL THEN carestair._report_missing(L, carestair._report_text('c_dementia', L) || ': '
                        || CASE L WHEN 'nb' THEN 'framskrivingen har ingen eldre for kommunen.' ELSE 'the projection has no older persons for the kommune.' END)
                ELSE carestair._report_figure('fig-dementia', carestair._report_text('c_dementia', L) || ': ' || coalesce(rname, reg), svg,
                        carestair._report_text('unit', L) || ': ' || lower(carestair._report_text('persons', L)) || '.',
                        carestair._report_text('source', L) || ': ' || carestair._report_text('src_dementia', L) || ' ' || scen || '.',
                        NULL,
                        carestair._report_table('tab-dementia', ARRAY[carestair._report_text('year', L), carestair._report_text('with_dementia', L)],
                            (SELECT jsonb_agg(jsonb_build_array(x ->> 0, (x ->> 1)::float8) ORDER BY (x ->> 0)::integer) FROM jsonb_array_elements(rows) AS x
                              WHERE (x ->> 0)::integer = base OR (x ->> 0)::integer % 5 = 0), '{0,0}', L)) END;
        END IF;

        -- The national legevakt norm (40 minutes for 90 % of inhabitants): the kommune's row
        SELECT jsonb_agg(jsonb_build_array(n.persons, 100 * n.share_20, 100 * n.share_40, 100 * n.share_60, n.mean_minutes,
                                           n.persons_unreachable, n.persons_fallback,
                                           carestair._report_text(CASE WHEN n.meets_norm THEN 'yes' ELSE 'no' END, L)))
          INTO rows FROM carestair.legevakt_norm_check AS n WHERE n.region = reg;
        body := body || CASE WHEN rows IS NULL THEN carestair._report_missing(L, carestair._report_text('c_norm', L) || ': '
                    || CASE L WHEN 'nb' THEN 'ingen rad for kommunen i carestair.legevakt_norm_check (befolkningsrutenett og reisetider trengs).'
                              ELSE 'no row for the kommune in carestair.legevakt_norm_check (population grid and travel times are needed).' END)
            ELSE carestair._report_figure('fig-legevakt-norm', carestair._report_text('c_norm', L), '',
                    carestair._report_text('unit', L) || ': ' || carestair._report_text('u_norm', L),
                    carestair._report_text('source', L) || ': ' || carestair._report_text('src_map', L),
                    CASE WHEN (rows -> 0 ->> 6)::float8 > 0 THEN ARRAY[carestair._report_text('fallback', L) || ': ' || carestair._report_text('straight', L)] END,
                    carestair._report_table('tab-legevakt-norm', ARRAY[carestair._report_text('persons', L), '≤ 20 min %', '≤ 40 min %', '≤ 60 min %',
                        carestair._report_text('mean_min', L), carestair._report_text('unreachable', L), carestair._report_text('fallback', L),
                        carestair._report_text('meets_norm', L)], rows, '{0,1,1,1,1,0,0,0}', L)) END;

        -- The kommune's plans (carestair.followup_plan): indicators and the risk matrix
        IF NOT EXISTS (SELECT FROM carestair.followup_plan AS p WHERE p.region = reg) THEN
            body := body || carestair._report_missing(L, CASE L WHEN 'nb' THEN 'Ingen plan for kommunen i carestair.followup_plan: ingen styringsindikatorer eller risikomatrise.'
                                                          ELSE 'No plan for the kommune in carestair.followup_plan: no indicators or risk matrix.' END);
        END IF;
        FOR plan IN SELECT p.plan, p.title, p.is_example FROM carestair.followup_plan AS p WHERE p.region = reg ORDER BY p.plan LOOP
            SELECT jsonb_agg(jsonb_build_array(i.name, i.year::text, i.target, i.actual, i.gap, i.status, i.unit) ORDER BY i.indicator, i.year)
              INTO rows FROM carestair.indicator_status AS i
             WHERE i.plan = plan.plan AND (i.actual IS NOT NULL OR i.year = (SELECT max(i2.year) FROM carestair.indicator_status AS i2 WHERE i2.plan = i.plan AND i2.indicator = i.indicator));
            body := body || CASE WHEN rows IS NULL THEN carestair._report_missing(L, plan.title || ': '
                        || CASE L WHEN 'nb' THEN 'ingen styringsindikatorer med mål (carestair.followup_target).' ELSE 'no indicators with targets (carestair.followup_target).' END)
                ELSE carestair._report_figure('fig-indicators-' || plan.plan, carestair._report_text('c_indicators', L) || ': ' || plan.title, '',
                        carestair._report_text('unit', L) || ': ' || carestair._report_text('u_indicators', L),
                        carestair._report_text('source', L) || ': carestair.indicator_status (' || plan.plan || ').',
                        CASE WHEN plan.is_example THEN ARRAY[carestair._report_text('illustrative', L) || ': ' || carestair._report_text('example_plan', L)] END,
                        carestair._report_table('tab-indicators-' || plan.plan, ARRAY[carestair._report_text('indicator', L), carestair._report_text('year', L),
                            carestair._report_text('target', L), carestair._report_text('actual', L), carestair._report_text('gap', L), 'status', carestair._report_text('unit', L)],
                            rows, '{0,0,1,1,1,0,0}', L)) END;
            SELECT jsonb_agg(jsonb_build_array(m.likelihood, m.consequence, m.score, m.zone, m.risks, m.risk_list) ORDER BY m.score DESC, m.likelihood DESC, m.consequence DESC)
              INTO rows FROM carestair.risk_matrix AS m WHERE m.plan = plan.plan;
            svg := carestair._svg_risk_matrix(carestair._report_text('c_risk', L) || ': ' || plan.title, rows, L);
            body := body || CASE WHEN svg IS NULL THEN carestair._report_missing(L, plan.title || ': '
                        || CASE L WHEN 'nb' THEN 'ingen risikomatrise (carestair.followup_risk).' ELSE 'no risk matrix (carestair.followup_risk).' END)
                ELSE carestair._report_figure('fig-risk-' || plan.plan, carestair._report_text('c_risk', L) || ': ' || plan.title, svg,
                        carestair._report_text('unit', L) || ': ' || carestair._report_text('u_risk', L),
                        carestair._report_text('source', L) || ': carestair.risk_matrix (' || plan.plan || ').',
                        CASE WHEN plan.is_example THEN ARRAY[carestair._report_text('illustrative', L) || ': ' || carestair._report_text('example_plan', L)] END,
                        carestair._report_table('tab-risk-' || plan.plan, ARRAY[carestair._report_text('likelihood', L), carestair._report_text('consequence', L),
                            'score', carestair._report_text('zone', L), carestair._report_text('risks', L), ''],
                            (SELECT jsonb_agg(x) FROM jsonb_array_elements(rows) AS x WHERE (x ->> 4)::integer > 0), '{0,0,0,0,0,0}', L)) END;
        END LOOP;
    EXCEPTION WHEN OTHERS THEN
        body := left(body, mark) || carestair._report_error(L, SQLERRM);
    END;
    body := body || '</section>';

    RETURN '<!DOCTYPE html>' || chr(10) || '<html lang="' || CASE L WHEN 'nb' THEN 'nb' ELSE 'en' END || '"><head><meta charset="utf-8"/>'
        || '<meta name="viewport" content="width=device-width, initial-scale=1"/><title>'
        || carestair._html(carestair._report_text('title', L) || ' – ' || coalesce(rname, reg)) || '</title><style>'
        || 'body{font-family:sans-serif;max-width:780px;margin:2em auto;color:#222;line-height:1.4}'
        || 'h1{font-size:1.6em}h2{border-bottom:2px solid #4477aa;margin-top:2em}h3{font-size:1.05em}'
        || 'figure{margin:1.2em 0}svg{max-width:100%;height:auto;display:block}figcaption{font-size:.85em;color:#444;margin:.3em 0}'
        || 'figcaption span{display:block}.note{color:#8a4b00;font-weight:bold}'
        || '.box{border:2px dashed #c77700;background:#fff6e0;padding:.8em;margin:.8em 0}.box.unavailable{border-color:#888;background:#f2f2f2}'
        || 'table.data{border-collapse:collapse;font-size:.8em;margin-top:.4em}table.data td,table.data th{border:1px solid #ccc;padding:2px 6px}'
        || 'td.num{text-align:right}'
        || '</style></head><body><header><h1>' || carestair._html(carestair._report_text('title', L)) || ': '
        || carestair._html(coalesce(rname, reg)) || ' (' || carestair._html(reg) || ')</h1><p>'
        || carestair._html(carestair._report_text('scenario', L)) || ': ' || carestair._html(coalesce(scen, carestair._report_text('none', L)))
        || CASE WHEN dreining IS NOT NULL THEN ' · dreining: ' || carestair._html(dreining) ELSE '' END
        || ' · ' || carestair._html(carestair._report_text('made', L)) || ' · '
        || carestair._html(carestair._report_text('source', L)) || ': SSB, Kartverket, HMD, KMD, Helsedirektoratet.</p>'
        || CASE WHEN rname IS NULL AND last_obs IS NULL THEN carestair._report_missing(L,
               CASE L WHEN 'nb' THEN 'Ingen data for region ' ELSE 'No data for region ' END || reg || '.') ELSE '' END
        || '</header><main>' || body || '</main></body></html>' || chr(10);
END
$$;
COMMENT ON FUNCTION carestair.report_html(text, text, text, text, text, text, integer, float8, float8) IS
  'The council report for a kommune: one self-contained HTML page with inline SVG charts (pyramid, the oldest with intervals, omsorgstrapp, beds, legevakt map and scenarios, why-dearer, weekend knot), sources under each chart, boxes where inputs are missing. See doc/report.md.';
