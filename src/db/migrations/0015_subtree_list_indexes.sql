-- Subtree lists (issue 9, src/features/oversight/subtree-lists.ts): every meeting, alert, visit and
-- recommendation of a subtree, keyset-paged on (sort key, id). Two plans read these indexes:
--   * a big subtree walks the table's (key, id) index in order and keeps the rows of its units;
--   * a small one takes the newest rows of each unit through (unit_id, key, id) and merges them.
-- Partial indexes serve the default views (open alerts, open recommendations) so a walk never
-- steps over years of closed rows to find the few open ones.

-- Meetings, newest first (and a month filter is a range of the same index).
CREATE INDEX meetings_time_id ON meetings (scheduled_at, id);
-- Replaces meetings_unit_time (unit_id, scheduled_at): the same prefix, plus the tie-breaker.
CREATE INDEX meetings_unit_time_id ON meetings (unit_id, scheduled_at, id);
DROP INDEX meetings_unit_time;

-- Alerts, newest first: every alert, and the open ones.
CREATE INDEX alerts_opened_id ON alerts (opened_at, id);
CREATE INDEX alerts_unit_opened_id ON alerts (unit_id, opened_at, id);
CREATE INDEX alerts_open_opened_id ON alerts (opened_at, id) WHERE resolved_at IS NULL;
CREATE INDEX alerts_open_unit_opened_id ON alerts (unit_id, opened_at, id) WHERE resolved_at IS NULL;

-- Supervision visits, newest first. Replaces supervision_visits_unit (unit_id, visited_on).
CREATE INDEX supervision_visits_day_id ON supervision_visits (visited_on, id);
CREATE INDEX supervision_visits_unit_day_id ON supervision_visits (unit_id, visited_on, id);
DROP INDEX supervision_visits_unit;

-- Recommendations, oldest first: every one, and the open ones.
CREATE INDEX recommendations_raised_id ON recommendations (raised_on, id);
CREATE INDEX recommendations_unit_raised_id ON recommendations (unit_id, raised_on, id);
CREATE INDEX recommendations_open_raised_id ON recommendations (raised_on, id) WHERE closed_at IS NULL;
CREATE INDEX recommendations_open_unit_raised_id ON recommendations (unit_id, raised_on, id)
  WHERE closed_at IS NULL;
