-- bigquery: the engine's SQL (tests/unit/engine/test_dialect_snapshots.py)

-- hour: n by hour(at)
SELECT DATETIME_TRUNC(CAST(`passages`.`at` AS DATETIME), HOUR) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATETIME_TRUNC(CAST(`passages`.`at` AS DATETIME), HOUR);

-- day: n by day(at)
SELECT DATE_TRUNC(CAST(`passages`.`at` AS DATE), DAY) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATE_TRUNC(CAST(`passages`.`at` AS DATE), DAY);

-- week: n by week(at)
SELECT DATE_TRUNC(CAST(`passages`.`at` AS DATE), WEEK(MONDAY)) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATE_TRUNC(CAST(`passages`.`at` AS DATE), WEEK(MONDAY));

-- month: n by month(at)
SELECT DATE_TRUNC(CAST(`passages`.`at` AS DATE), MONTH) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATE_TRUNC(CAST(`passages`.`at` AS DATE), MONTH);

-- year: n by year(at)
SELECT DATE_TRUNC(CAST(`passages`.`at` AS DATE), YEAR) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATE_TRUNC(CAST(`passages`.`at` AS DATE), YEAR);

-- weekday: n by weekday(at)
SELECT MOD(EXTRACT(DAYOFWEEK FROM `passages`.`at`) + 5, 7) + 1 AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY MOD(EXTRACT(DAYOFWEEK FROM `passages`.`at`) + 5, 7) + 1;

-- hour_of_day: n by hour_of_day(at)
SELECT EXTRACT(HOUR FROM `passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY EXTRACT(HOUR FROM `passages`.`at`);

-- week of a date: n by week(day)
SELECT DATE_TRUNC(CAST(`passages`.`day` AS DATE), WEEK(MONDAY)) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATE_TRUNC(CAST(`passages`.`day` AS DATE), WEEK(MONDAY));

-- share by month: longs by month(at)
SELECT DATE_TRUNC(CAST(`passages`.`at` AS DATE), MONTH) AS `b0`, avg(CASE WHEN (`passages`.`duree` >= :param_1) THEN :param_2 ELSE :param_3 END) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY DATE_TRUNC(CAST(`passages`.`at` AS DATE), MONTH);
-- params: param_1=50, param_2=1.0, param_3=0.0

-- median by weekday: temps_median by weekday(at)
-- refused: The indicator 'temps_median' uses median(), which the bigquery database cannot compute exactly: use mean() for this indicator, or read the data from a file (CSV, Parquet: DuckDB then computes the median).

-- datetime range: n
SELECT count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` 
WHERE `passages`.`at` >= :at_1 AND `passages`.`at` < :at_2;
-- params: at_1=datetime.datetime(2025, 12, 29, 0, 0), at_2=datetime.datetime(2026, 1, 5, 0, 0)

-- date range: n
SELECT count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` 
WHERE `passages`.`day` BETWEEN :day_1 AND :day_2;
-- params: day_1=datetime.date(2025, 12, 29), day_2=datetime.date(2026, 1, 4)

-- bins of 25 from 0: duree
SELECT CASE WHEN (CAST(floor((`passages`.`duree` - (0.0)) / (25.0)) AS INT64) < 0) THEN 0 WHEN (CAST(floor((`passages`.`duree` - (0.0)) / (25.0)) AS INT64) > 3) THEN 3 ELSE CAST(floor((`passages`.`duree` - (0.0)) / (25.0)) AS INT64) END AS `anon_1` 
FROM `mobilite`.`passages`;
