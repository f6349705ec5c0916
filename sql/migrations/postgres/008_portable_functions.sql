-- PostgreSQL version of ../008_portable_functions.sql: what the shared views and saved queries call
-- as H2 spells it, with H2's result types, so one SQL text gives the same rows on both engines.

-- ROUND of a DOUBLE PRECISION to N decimals (PostgreSQL rounds only NUMERIC to decimals), as a
-- DOUBLE PRECISION like H2's. Halves round away from zero on both.
CREATE OR REPLACE FUNCTION round(value DOUBLE PRECISION, decimals INTEGER) RETURNS DOUBLE PRECISION
LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT CAST(ROUND(CAST(value AS NUMERIC), decimals) AS DOUBLE PRECISION) $$;

-- DATEDIFF('DAY', a, b): whole days from a to b, as H2's DATEDIFF gives them (a BIGINT).
CREATE OR REPLACE FUNCTION datediff(unit VARCHAR, from_day DATE, to_day DATE) RETURNS BIGINT
LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN UPPER(unit) = 'DAY' THEN CAST(to_day - from_day AS BIGINT)
                ELSE CAST(('DATEDIFF unit ' || unit || ' is not supported; use ''DAY''') AS BIGINT) END
$$;

-- DAYNAME(day): the English name of the day of the week (Monday), as H2's DAYNAME gives it.
CREATE OR REPLACE FUNCTION dayname(day DATE) RETURNS VARCHAR
LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT CAST(TO_CHAR(day, 'FMDay') AS VARCHAR) $$;
