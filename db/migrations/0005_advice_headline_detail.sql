-- A stored advice is about 80 kB of JSON; parsing it into jsonb cost more than computing it. Results now
-- keep a small jsonb headline (what cohort tables and summaries query) and the full advice as compressed
-- bytes (gzip of its JSON; rows migrated here hold the plain UTF-8 JSON, which readers also accept).
ALTER TABLE advice_results ADD COLUMN headline jsonb, ADD COLUMN detail bytea;

UPDATE advice_results SET
  detail = convert_to(result::text, 'UTF8'),
  headline = jsonb_build_object(
    'pattern', result->'placement'->>'recommended',
    'executivePlace', result->'placement'->'executiveRecommendation'->>'name',
    'technicalPlace', result->'placement'->'technical'->'recommendation'->>'name',
    'firstBridge', result->'bridges'->'bridges'->0->>'name',
    'topCorporate', result->'partners'->'corporates'->0->>'name',
    'topUniversity', result->'partners'->'universities'->0->>'name',
    'partners', coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.value->>'id', 'name', p.value->>'name', 'kind', k.kind, 'city', p.value->>'city') ORDER BY k.no, p.no)
      FROM unnest(ARRAY['corporates', 'universities', 'researchCenters', 'foreignPartners', 'programs']) WITH ORDINALITY AS k(kind, no),
        jsonb_array_elements(result->'partners'->k.kind) WITH ORDINALITY AS p(value, no)), '[]'::jsonb),
    'bridges', coalesce((SELECT jsonb_agg(jsonb_build_object('clusterId', b.value->>'clusterId', 'name', b.value->>'name') ORDER BY b.no)
      FROM jsonb_array_elements(result->'bridges'->'bridges') WITH ORDINALITY AS b(value, no)), '[]'::jsonb))
WHERE result IS NOT NULL;

ALTER TABLE advice_results DROP COLUMN result;
ALTER TABLE advice_results ADD CONSTRAINT advice_results_done_has_detail CHECK (status <> 'done' OR (detail IS NOT NULL AND headline IS NOT NULL));
