-- Citizens' personal data on cases (engine/personal): values sealed with SM4 (the case row keeps only the masked
-- form), a blind index (HMAC-SM3) to find a person's cases by phone or ID number, and the check of the key that
-- wrote them. The key is never in the database: FUBAN_PII_KEY or <data dir>/pii.key.
CREATE TABLE case_personal (
  case_id uuid NOT NULL REFERENCES cases(id),
  field text NOT NULL,
  sealed text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, field)
);
--> statement-breakpoint
CREATE TABLE person_index (
  case_id uuid NOT NULL REFERENCES cases(id),
  field text NOT NULL,
  type text NOT NULL,
  digest text NOT NULL,
  PRIMARY KEY (case_id, field)
);
--> statement-breakpoint
CREATE INDEX person_index_digest_idx ON person_index (type, digest);
--> statement-breakpoint
CREATE TABLE personal_key (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  key_check text
);
--> statement-breakpoint
INSERT INTO personal_key (id, key_check) VALUES (1, NULL);
