-- clickhousedb: the engine's SQL (tests/unit/engine/test_dialect_snapshots.py)

-- hour: n by hour(at)
SELECT toStartOfHour(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toStartOfHour(`passages`.`at`);

-- day: n by day(at)
SELECT toDate(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toDate(`passages`.`at`);

-- week: n by week(at)
SELECT toMonday(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toMonday(`passages`.`at`);

-- month: n by month(at)
SELECT toStartOfMonth(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toStartOfMonth(`passages`.`at`);

-- year: n by year(at)
SELECT toStartOfYear(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toStartOfYear(`passages`.`at`);

-- weekday: n by weekday(at)
SELECT toDayOfWeek(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toDayOfWeek(`passages`.`at`);

-- hour_of_day: n by hour_of_day(at)
SELECT toHour(`passages`.`at`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toHour(`passages`.`at`);

-- week of a date: n by week(day)
SELECT toMonday(`passages`.`day`) AS `b0`, count(*) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toMonday(`passages`.`day`);

-- share by month: longs by month(at)
SELECT toStartOfMonth(`passages`.`at`) AS `b0`, avg(CASE WHEN (`passages`.`duree` >= :param_1) THEN :param_2 ELSE :param_3 END) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toStartOfMonth(`passages`.`at`);
-- params: param_1=50, param_2=1.0, param_3=0.0

-- median by weekday: temps_median by weekday(at)
SELECT toDayOfWeek(`passages`.`at`) AS `b0`, quantileExactInclusive(0.5)(`passages`.`duree`) AS `value`, count(*) AS `n` 
FROM `mobilite`.`passages` AS `passages` GROUP BY `b0` ORDER BY toDayOfWeek(`passages`.`at`);

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
SELECT CASE WHEN (CAST(floor((`mobilite`.`passages`.`duree` - (0.0)) / (25.0)) AS INTEGER) < 0) THEN 0 WHEN (CAST(floor((`mobilite`.`passages`.`duree` - (0.0)) / (25.0)) AS INTEGER) > 3) THEN 3 ELSE CAST(floor((`mobilite`.`passages`.`duree` - (0.0)) / (25.0)) AS INTEGER) END AS `anon_1` 
FROM `mobilite`.`passages`;
