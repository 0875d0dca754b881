-- The settings counter of 0005 and its triggers served a per-process cache of the agency's
-- settings that did not pay for its complexity: the settings are read again by each command.
DROP TRIGGER agency_changed_insert;
DROP TRIGGER agency_changed_update;
DROP TRIGGER agency_changed_delete;
DROP TRIGGER contact_standard_changed_insert;
DROP TRIGGER contact_standard_changed_update;
DROP TRIGGER contact_standard_changed_delete;
DROP TRIGGER agency_setting_changed_insert;
DROP TRIGGER agency_setting_changed_update;
DROP TRIGGER agency_setting_changed_delete;
DROP TRIGGER holiday_changed_insert;
DROP TRIGGER holiday_changed_update;
DROP TRIGGER holiday_changed_delete;
DROP TRIGGER officer_changed_insert;
DROP TRIGGER officer_changed_update;
DROP TRIGGER officer_changed_delete;
DROP TABLE settings_version;
