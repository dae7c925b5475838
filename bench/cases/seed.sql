-- Seeds the bench database (migrated by the app) with 10,000 cases and 400,000 filings, for bench/cases/run.sh.
-- Variables (psql -v): uk, uk2, aus, jpn (organisation ids), planner (user id), plan_body, assessment, registry_hash.
-- Cases 1–9,700 belong to the planner's organisation (uk), 9,701–9,850 to another UK one, the rest to an
-- Australian one; all are in Japan. 3 % draft, 2 % awaiting approval, 3 % closed, the rest submitted
-- (released_at set). 40 filings a case, all addressed to the Japanese host organisation; statuses follow the
-- case's (drafts until released, decided once closed, a mix while submitted); deadlines spread over 2027,
-- one in 20 unknown. Deterministic (no random()), so that runs seed the same rows.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_cases ON COMMIT DROP AS
SELECT g AS n,
       md5('bench-case-' || g)::uuid AS id,
       (CASE WHEN g <= 9700 THEN :'uk' WHEN g <= 9850 THEN :'uk2' ELSE :'aus' END)::uuid AS org,
       CASE WHEN g <= 9850 THEN 'GBR' ELSE 'AUS' END AS sending_state,
       CASE WHEN g % 100 < 3 THEN 'draft' WHEN g % 100 < 5 THEN 'awaiting-approval' WHEN g % 100 < 8 THEN 'closed' ELSE 'submitted' END AS status,
       timestamptz '2026-01-05 08:00:00+00' + ((g * 7919) % 28000000) * interval '1 second' AS updated_at,
       date '2027-01-04' + ((g * 37) % 340) AS plan_start
FROM generate_series(1, 10000) AS g;

INSERT INTO cases (id, title, plan_id, sending_organisation_id, sending_state, host_state, status, plan_body, plan_format,
                   plan_start, plan_end, law_date, law_date_chosen, registry_hash, assessment_json, created_by,
                   created_at, updated_at, released_at, version)
SELECT id, 'Exercise ' || (ARRAY['Pacific Crown', 'Orient Shield', 'Rising Tide', 'Northern Kite', 'Blue Lantern'])[1 + n % 5] || ' ' || n,
       NULL, org, sending_state, 'JPN', status, :'plan_body', 'yaml',
       plan_start, plan_start + 14, plan_start, false, :'registry_hash', :'assessment', :'planner',
       updated_at - interval '12 days', updated_at,
       CASE WHEN status IN ('submitted', 'closed') THEN updated_at - interval '3 days' END, 1
FROM bench_cases;

INSERT INTO filings (id, case_id, key, rule, instrument, kind, title, authority, count, deadline, lead_time_unknown,
                     confidence, basis, basis_url, elements, addressed_to, status, reference, restrictions, updated_at, version)
SELECT md5('bench-filing-' || c.n || '-' || k)::uuid, c.id,
       'jpn.rule-' || lpad(k::text, 2, '0'),
       'jpn.rule-' || lpad(k::text, 2, '0'),
       (ARRAY['Japan–UK Reciprocal Access Agreement', 'Civil Aeronautics Act (Japan)', 'Port Regulations Act (Japan)', 'Radio Act (Japan)'])[1 + k % 4],
       (ARRAY['permission', 'notification', 'clearance', 'registration'])[1 + k % 4],
       (ARRAY['Diplomatic clearance for state aircraft', 'Port entry notice', 'Radio frequency assignment', 'Airspace reservation',
              'Ammunition movement notice', 'Customs declaration of equipment', 'Personnel list', 'Vessel entry permission'])[1 + k % 8] || ' (' || k || ')',
       (ARRAY['Ministry of Foreign Affairs of Japan (diplomatic channels)', 'Ministry of Land, Infrastructure, Transport and Tourism',
              'Japan Coast Guard', 'Ministry of Internal Affairs and Communications', 'Ministry of Defense of Japan'])[1 + k % 5],
       1 + k % 3,
       CASE WHEN k % 20 = 0 THEN NULL ELSE date '2027-01-01' + ((c.n * 13 + k * 29) % 365) END,
       k % 20 = 0,
       (ARRAY['high', 'medium', 'low'])[1 + k % 3],
       'Article ' || (3 + k % 17) || ' of the instrument; lead time ' || (7 + k % 30) || ' days',
       CASE WHEN k % 2 = 0 THEN 'https://www.mofa.go.jp/' END,
       (ARRAY['aircraft-1', 'ship-1,ship-2', 'unit-1', 'aircraft-1,aircraft-2,unit-1'])[1 + k % 4],
       :'jpn'::uuid,
       CASE WHEN c.status IN ('draft', 'awaiting-approval') THEN 'draft'
            WHEN c.status = 'closed' THEN (ARRAY['approved', 'approved', 'approved-with-restrictions', 'denied', 'withdrawn'])[1 + (c.n + k) % 5]
            ELSE (ARRAY['submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted',
                        'under-review', 'under-review', 'under-review', 'under-review', 'need-more-info', 'need-more-info',
                        'approved', 'approved', 'approved', 'approved-with-restrictions', 'denied'])[1 + (c.n * 7 + k) % 20] END,
       NULL, NULL, c.updated_at, 1
FROM bench_cases AS c CROSS JOIN generate_series(1, 40) AS k;

COMMIT;
-- What autovacuum does after a bulk load, at once: statistics, and the visibility map that lets the
-- database answer "my cases" counts from an index alone.
VACUUM (ANALYZE) cases;
VACUUM (ANALYZE) filings;
