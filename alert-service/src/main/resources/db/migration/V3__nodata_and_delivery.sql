-- No data, and delivery until the channel accepts.
--
-- A rule says what its alerts become when its query finds no data at all in the window (an ingest
-- stall, a service that stopped reporting): the `nodata` state (the default), `ok` (the condition
-- does not hold: firing alerts resolve) or `keep_state`.
ALTER TABLE alert_rule ADD COLUMN no_data TEXT NOT NULL DEFAULT 'nodata';
ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_no_data_check CHECK (no_data IN ('nodata', 'ok', 'keep_state'));

ALTER TABLE alert_instance DROP CONSTRAINT alert_instance_state_check;
ALTER TABLE alert_instance ADD CONSTRAINT alert_instance_state_check
    CHECK (state IN ('inactive', 'pending', 'firing', 'resolved', 'nodata'));
ALTER TABLE alert_history DROP CONSTRAINT alert_history_from_check;
ALTER TABLE alert_history ADD CONSTRAINT alert_history_from_check
    CHECK (from_state IN ('inactive', 'pending', 'firing', 'resolved', 'nodata'));
ALTER TABLE alert_history DROP CONSTRAINT alert_history_to_check;
ALTER TABLE alert_history ADD CONSTRAINT alert_history_to_check
    CHECK (to_state IN ('inactive', 'pending', 'firing', 'resolved', 'nodata'));
ALTER TABLE alert_group_member DROP CONSTRAINT alert_group_member_state_check;
ALTER TABLE alert_group_member ADD CONSTRAINT alert_group_member_state_check
    CHECK (state IN ('firing', 'resolved', 'nodata'));

-- A notification is retried until the channel accepts it, or until a newer notification of the same
-- group supersedes it: the newer one says everything the channel has not been told yet. `number` is the
-- notification's place in its group; only the newest of a group is ever sent, one at a time.
ALTER TABLE notification ADD COLUMN number BIGINT NOT NULL DEFAULT 0;
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check
    CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'superseded'));
CREATE INDEX notification_group_idx ON notification (group_id, number);

-- What the channel has accepted for the group: the firing alerts of the newest delivered notification,
-- and its number. `last_sent_firing` and `last_sent_at` say what the newest notification decided on
-- says, delivered or not yet.
ALTER TABLE alert_group ADD COLUMN delivered_firing JSONB NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE alert_group ADD COLUMN delivered_number BIGINT NOT NULL DEFAULT 0;
COMMENT ON COLUMN alert_group.last_sent_firing IS 'Firing alerts of the newest notification decided on, delivered or not yet';
COMMENT ON COLUMN alert_group.delivered_firing IS 'Firing alerts of the newest notification the channel accepted';
