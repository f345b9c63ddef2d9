-- sqlite: the engine's SQL (tests/unit/engine/test_dialect_snapshots.py)

-- hour: n by hour(at)
SELECT strftime('%Y-%m-%d %H:00:00', passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY strftime('%Y-%m-%d %H:00:00', passages."at") ORDER BY strftime('%Y-%m-%d %H:00:00', passages."at");

-- day: n by day(at)
SELECT date(passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY date(passages."at") ORDER BY date(passages."at");

-- week: n by week(at)
SELECT date(passages."at", 'weekday 0', '-6 days') AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY date(passages."at", 'weekday 0', '-6 days') ORDER BY date(passages."at", 'weekday 0', '-6 days');

-- month: n by month(at)
SELECT strftime('%Y-%m-01', passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY strftime('%Y-%m-01', passages."at") ORDER BY strftime('%Y-%m-01', passages."at");

-- year: n by year(at)
SELECT strftime('%Y-01-01', passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY strftime('%Y-01-01', passages."at") ORDER BY strftime('%Y-01-01', passages."at");

-- weekday: n by weekday(at)
SELECT CAST((CAST(strftime('%w', passages."at") AS INTEGER) + 6) % 7 + 1 AS INTEGER) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST((CAST(strftime('%w', passages."at") AS INTEGER) + 6) % 7 + 1 AS INTEGER) ORDER BY CAST((CAST(strftime('%w', passages."at") AS INTEGER) + 6) % 7 + 1 AS INTEGER);

-- hour_of_day: n by hour_of_day(at)
SELECT CAST(strftime('%H', passages."at") AS INTEGER) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(strftime('%H', passages."at") AS INTEGER) ORDER BY CAST(strftime('%H', passages."at") AS INTEGER);

-- week of a date: n by week(day)
SELECT date(passages."day", 'weekday 0', '-6 days') AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY date(passages."day", 'weekday 0', '-6 days') ORDER BY date(passages."day", 'weekday 0', '-6 days');

-- share by month: longs by month(at)
SELECT strftime('%Y-%m-01', passages."at") AS b0, avg(CASE WHEN (passages."duree" >= ?) THEN ? ELSE ? END) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY strftime('%Y-%m-01', passages."at") ORDER BY strftime('%Y-%m-01', passages."at");
-- params: param_1=50, param_2=1.0, param_3=0.0

-- median by weekday: temps_median by weekday(at)
-- refused: The indicator 'temps_median' uses median(), which the sqlite database cannot compute exactly: use mean() for this indicator, or read the data from a file (CSV, Parquet: DuckDB then computes the median).

-- datetime range: n
SELECT count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages 
WHERE passages."at" >= ? AND passages."at" < ?;
-- params: at_1=datetime.datetime(2025, 12, 29, 0, 0), at_2=datetime.datetime(2026, 1, 5, 0, 0)

-- date range: n
SELECT count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages 
WHERE passages."day" BETWEEN ? AND ?;
-- params: day_1=datetime.date(2025, 12, 29), day_2=datetime.date(2026, 1, 4)

-- bins of 25 from 0: duree
SELECT CASE WHEN (CAST((mobilite."passages"."duree" - (0.0)) / (25.0) AS INTEGER) < 0) THEN 0 WHEN (CAST((mobilite."passages"."duree" - (0.0)) / (25.0) AS INTEGER) > 3) THEN 3 ELSE CAST((mobilite."passages"."duree" - (0.0)) / (25.0) AS INTEGER) END AS anon_1 
FROM mobilite."passages";
