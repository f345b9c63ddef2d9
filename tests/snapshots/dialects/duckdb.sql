-- duckdb: the engine's SQL (tests/unit/engine/test_dialect_snapshots.py)

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
SELECT CAST(EXTRACT(isodow FROM passages."at") AS INTEGER) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(EXTRACT(isodow FROM passages."at") AS INTEGER) ORDER BY CAST(EXTRACT(isodow FROM passages."at") AS INTEGER);

-- hour_of_day: n by hour_of_day(at)
SELECT CAST(EXTRACT(hour FROM passages."at") AS INTEGER) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(EXTRACT(hour FROM passages."at") AS INTEGER) ORDER BY CAST(EXTRACT(hour FROM passages."at") AS INTEGER);

-- week of a date: n by week(day)
SELECT CAST(date_trunc('week', passages."day") AS DATE) AS b0, count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('week', passages."day") AS DATE) ORDER BY CAST(date_trunc('week', passages."day") AS DATE);

-- share by month: longs by month(at)
SELECT CAST(date_trunc('month', passages."at") AS DATE) AS b0, avg(CASE WHEN (passages."duree" >= %(param_1)s) THEN %(param_2)s ELSE %(param_3)s END) AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(date_trunc('month', passages."at") AS DATE) ORDER BY CAST(date_trunc('month', passages."at") AS DATE);
-- params: param_1=50, param_2=1.0, param_3=0.0

-- median by weekday: temps_median by weekday(at)
SELECT CAST(EXTRACT(isodow FROM passages."at") AS INTEGER) AS b0, median(passages."duree") AS value, count(*) AS n 
FROM mobilite."passages" AS passages GROUP BY CAST(EXTRACT(isodow FROM passages."at") AS INTEGER) ORDER BY CAST(EXTRACT(isodow FROM passages."at") AS INTEGER);

-- datetime range: n
SELECT count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages 
WHERE passages."at" >= %(at_1)s AND passages."at" < %(at_2)s;
-- params: at_1=datetime.datetime(2025, 12, 29, 0, 0), at_2=datetime.datetime(2026, 1, 5, 0, 0)

-- date range: n
SELECT count(*) AS value, count(*) AS n 
FROM mobilite."passages" AS passages 
WHERE passages."day" BETWEEN %(day_1)s AND %(day_2)s;
-- params: day_1=datetime.date(2025, 12, 29), day_2=datetime.date(2026, 1, 4)

-- bins of 25 from 0: duree
SELECT CASE WHEN (CAST(floor((mobilite."passages"."duree" - (0.0)) / (25.0)) AS INTEGER) < 0) THEN 0 WHEN (CAST(floor((mobilite."passages"."duree" - (0.0)) / (25.0)) AS INTEGER) > 3) THEN 3 ELSE CAST(floor((mobilite."passages"."duree" - (0.0)) / (25.0)) AS INTEGER) END AS anon_1 
FROM mobilite."passages";
