-- Positions as the trader reads them: condors with days held in New York calendar days (to the
-- close or expiry, or to today while open).
CREATE VIEW alvh_projection.condor_positions AS
SELECT c.*,
       ((COALESCE(c.ended_at, now()) AT TIME ZONE 'America/New_York')::date
         - (c.opened_at AT TIME ZONE 'America/New_York')::date) AS days_held
  FROM alvh_projection.condors c;
