-- BROKEN: a Hive batch copy selecting a column the sink (hence the stub Hive table) does not have.
-- expect: Column 'event_kind' not found
SET 'execution.runtime-mode' = 'batch';

CREATE CATALOG `hive_catalog` WITH (
  'type' = 'hive',
  'hive-conf-dir' = '/etc/hive/conf'
);

CREATE DATABASE IF NOT EXISTS `default_catalog`.`warehouse`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`warehouse`.`events_sink` (
  `event_id` BIGINT NOT NULL,
  `event_type` STRING NULL,
  PRIMARY KEY(`event_id`)
 NOT ENFORCED
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'warehouse',
  'table-name' = 'events'
);

INSERT INTO `default_catalog`.`warehouse`.`events_sink`
SELECT `event_id`, `event_kind` FROM `hive_catalog`.`warehouse`.`events`;
