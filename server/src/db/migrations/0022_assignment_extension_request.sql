-- A unit's 申请延期 waiting for the office's answer: one at a time per assignment, cleared when the office
-- 同意 or 不同意 (the trail keeps both the request and the answer).
ALTER TABLE "assignments" ADD COLUMN "extension_request" jsonb;
