-- Good: a key-less MySQL table (DUPLICATE KEY in StarRocks) read with an explicit chunk key column,
-- and the SQL-client form of a statement set.
CREATE DATABASE IF NOT EXISTS `default_catalog`.`demo`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`page_views_src` (
  `view_date` DATE NOT NULL,
  `user_id` BIGINT NOT NULL,
  `url` VARCHAR(2048) NULL,
  `duration_ms` INT NULL,
  `score` DOUBLE NULL,
  `attrs` STRING NULL
) with (
  'connector' = 'mysql-cdc',
  'hostname' = '127.0.0.1',
  'port' = '3306',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'page_views',
  'scan.incremental.snapshot.chunk.key-column' = 'user_id'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`page_views_sink` (
  `view_date` DATE NOT NULL,
  `user_id` BIGINT NOT NULL,
  `url` VARCHAR(2048) NULL,
  `duration_ms` INT NULL,
  `score` DOUBLE NULL,
  `attrs` STRING NULL
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'page_views',
  'sink.properties.format' = 'csv',
  'sink.properties.column_separator' = '\x01',
  'sink.properties.row_delimiter' = '\x02'
);

BEGIN STATEMENT SET;

INSERT INTO `default_catalog`.`demo`.`page_views_sink` SELECT * FROM `default_catalog`.`demo`.`page_views_src`;

END;
