-- trino: the engine's SQL (tests/unit/engine/test_dialect_snapshots.py)

-- hour: n by hour(at)
SELECT date_trunc('hour', passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY date_trunc('hour', passages."at") ORDER BY date_trunc('hour', passages."at");

-- day: n by day(at)
SELECT CAST(date_trunc('day', passages."at") AS DATE) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('day', passages."at") AS DATE) ORDER BY CAST(date_trunc('day', passages."at") AS DATE);

-- week: n by week(at)
SELECT CAST(date_trunc('week', passages."at") AS DATE) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('week', passages."at") AS DATE) ORDER BY CAST(date_trunc('week', passages."at") AS DATE);

-- month: n by month(at)
SELECT CAST(date_trunc('month', passages."at") AS DATE) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('month', passages."at") AS DATE) ORDER BY CAST(date_trunc('month', passages."at") AS DATE);

-- year: n by year(at)
SELECT CAST(date_trunc('year', passages."at") AS DATE) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('year', passages."at") AS DATE) ORDER BY CAST(date_trunc('year', passages."at") AS DATE);

-- weekday: n by weekday(at)
SELECT day_of_week(passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY day_of_week(passages."at") ORDER BY day_of_week(passages."at");

-- hour_of_day: n by hour_of_day(at)
SELECT hour(passages."at") AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY hour(passages."at") ORDER BY hour(passages."at");

-- week of a date: n by week(day)
SELECT CAST(date_trunc('week', passages."day") AS DATE) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('week', passages."day") AS DATE) ORDER BY CAST(date_trunc('week', passages."day") AS DATE);

-- share by month: longs by month(at)
SELECT CAST(date_trunc('month', passages."at") AS DATE) AS b0, avg(CASE WHEN (passages."duree" >= :param_1) THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('month', passages."at") AS DATE) ORDER BY CAST(date_trunc('month', passages."at") AS DATE);
-- params: param_1=50

-- median by weekday: temps_median by weekday(at)
-- refused: The indicator 'temps_median' uses median(), which the trino database cannot compute exactly: use mean() for this indicator, or read the data from a file (CSV, Parquet: DuckDB then computes the median).

-- datetime range: n
SELECT count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages 
WHERE passages."at" >= :at_1 AND passages."at" < :at_2;
-- params: at_1=datetime.datetime(2025, 12, 29, 0, 0), at_2=datetime.datetime(2026, 1, 5, 0, 0)

-- date range: n
SELECT count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages 
WHERE passages."day" BETWEEN :day_1 AND :day_2;
-- params: day_1=datetime.date(2025, 12, 29), day_2=datetime.date(2026, 1, 4)

-- bins of 25 from 0: duree
SELECT CASE WHEN (CAST(floor((CAST(mobilite."passages"."duree" AS DOUBLE) - (0.0)) / (25.0)) AS INTEGER) < 0) THEN 0 WHEN (CAST(floor((CAST(mobilite."passages"."duree" AS DOUBLE) - (0.0)) / (25.0)) AS INTEGER) > 3) THEN 3 ELSE CAST(floor((CAST(mobilite."passages"."duree" AS DOUBLE) - (0.0)) / (25.0)) AS INTEGER) END AS anon_1 
FROM mobilite."passages";
