-- Good: Hive -> StarRocks full copy in batch mode.  The Hive catalog's jars are not needed by the
-- check: it is replaced by an in-memory catalog whose tables are built from the sink's columns.
SET 'execution.runtime-mode' = 'batch';

SET 'table.dml-sync' = 'true';

CREATE CATALOG `hive_catalog` WITH (
  'type' = 'hive',
  'hive-conf-dir' = '/etc/hive/conf',
  'default-database' = 'default'
);

CREATE DATABASE IF NOT EXISTS `default_catalog`.`warehouse`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`warehouse`.`events_sink` (
  `event_id` BIGINT NOT NULL,
  `event_type` STRING NULL,
  `amount` DECIMAL(18, 2) NULL,
  `event_time` TIMESTAMP(3) NULL,
  `dt` STRING NULL,
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

INSERT INTO `default_catalog`.`warehouse`.`events_sink` SELECT * FROM `hive_catalog`.`warehouse`.`events`;

USE CATALOG `hive_catalog`;

USE `warehouse`;

INSERT INTO `default_catalog`.`warehouse`.`events_sink`
SELECT `event_id`, `event_type`, `amount`, `event_time`, `dt` FROM `events` WHERE `dt` >= '2024-01-01';
