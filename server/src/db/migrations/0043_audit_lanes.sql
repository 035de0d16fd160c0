-- The audit chain in 16 lanes instead of one. One tail row (trail_seal) made every audit writer wait for the one
-- before it to commit: 12345 intake through Open311 queued on it at about 150 tickets a second. Each lane is a chain
-- of its own (gap-free seq, MAC over the previous row of the lane, a tail row); a writer claims a lane no one holds.
-- Lane 0 carries on the chain written so far, legacy rows and all.
ALTER TABLE audit_log ADD COLUMN lane smallint NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_lane_check CHECK (lane >= 0 AND lane < 16);
--> statement-breakpoint
DROP INDEX audit_log_seq_idx;
--> statement-breakpoint
CREATE UNIQUE INDEX audit_log_lane_seq_idx ON audit_log (lane, seq);
--> statement-breakpoint
CREATE TABLE audit_lanes (
  lane smallint PRIMARY KEY CHECK (lane >= 0 AND lane < 16),
  seq bigint NOT NULL,
  mac text
);
--> statement-breakpoint
INSERT INTO audit_lanes (lane, seq, mac) SELECT 0, audit_seq, audit_mac FROM trail_seal WHERE id = 1;
--> statement-breakpoint
INSERT INTO audit_lanes (lane, seq, mac) SELECT n, 0, NULL FROM generate_series(1, 15) AS n;
--> statement-breakpoint
ALTER TABLE trail_seal DROP COLUMN audit_seq;
--> statement-breakpoint
ALTER TABLE trail_seal DROP COLUMN audit_mac;
