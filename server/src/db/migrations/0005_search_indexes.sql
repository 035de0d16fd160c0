-- Search over cases: words segmented by jieba in the application (tsvector 'simple', same on PGlite and PostgreSQL),
-- and trigrams for substrings of three or more characters (serial numbers, 来文字号, names).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_search_vector_idx ON cases USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_search_text_trgm_idx ON cases USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_fields_idx ON cases USING gin (fields jsonb_path_ops);
