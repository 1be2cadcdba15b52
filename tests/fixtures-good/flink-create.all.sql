-- Good: every rule of this result folder in one file (what the generator writes as .all.sql).
SET 'pipeline.name' = 'smt_demo_mysql';

SET 'execution.checkpointing.interval' = '30s';

SET 'table.exec.sink.not-null-enforcer' = 'DROP';

CREATE DATABASE IF NOT EXISTS `default_catalog`.`demo`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`orders_src` (
  `order_id` BIGINT NOT NULL,
  `product_id` INT NULL,
  `order_date` TIMESTAMP(3) NOT NULL,
  `customer_name` STRING NOT NULL,
  `price` DECIMAL(10, 5) NULL,
  `note` VARCHAR(255) NULL,
  `flags` BOOLEAN NULL,
  `payload` BYTES NULL,
  `_db` STRING METADATA FROM 'database_name' VIRTUAL,
  `_table` STRING METADATA FROM 'table_name' VIRTUAL,
  `_op_ts` TIMESTAMP_LTZ(3) METADATA FROM 'op_ts' VIRTUAL,
  PRIMARY KEY(`order_id`)
 NOT ENFORCED
) with (
  'connector' = 'mysql-cdc',
  'hostname' = '127.0.0.1',
  'port' = '3306',
  'username' = 'root',
  'password' = 'it''s secret; really',
  'database-name' = 'demo',
  'table-name' = 'orders',
  'server-id' = '5400-5404',
  'server-time-zone' = 'UTC'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`orders_sink` (
  `order_id` BIGINT NOT NULL,
  `product_id` INT NULL,
  `order_date` TIMESTAMP(3) NOT NULL,
  `customer_name` STRING NOT NULL,
  `price` DECIMAL(10, 5) NULL,
  `note` VARCHAR(255) NULL,
  `flags` BOOLEAN NULL,
  `payload` BYTES NULL,
  `_db` STRING NOT NULL,
  `_table` STRING NOT NULL,
  `_op_ts` TIMESTAMP_LTZ(3) NOT NULL,
  PRIMARY KEY(`order_id`)
 NOT ENFORCED
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'orders',
  'sink.properties.format' = 'json',
  'sink.properties.strip_outer_array' = 'true',
  'sink.buffer-flush.interval-ms' = '15000'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`order items_src` (
  `order_id` BIGINT NOT NULL,
  `line_no` SMALLINT NOT NULL,
  `sku` CHAR(12) NOT NULL,
  `qty` DECIMAL(38, 10) NULL,
  `shipped_on` DATE NULL,
  `shipped_at` TIME(0) NULL,
  `tags` ARRAY<STRING> NULL,
  `attrs` MAP<STRING, INT> NULL,
  `addr` ROW<`street` STRING, `zip` INT> NULL,
  PRIMARY KEY(`order_id`, `line_no`)
 NOT ENFORCED
) with (
  'connector' = 'mysql-cdc',
  'hostname' = '127.0.0.1',
  'port' = '3306',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'order items'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`order items_sink` (
  `order_id` BIGINT NOT NULL,
  `line_no` SMALLINT NOT NULL,
  `sku` CHAR(12) NOT NULL,
  `qty` DECIMAL(38, 10) NULL,
  `shipped_on` DATE NULL,
  `shipped_at` TIME(0) NULL,
  `tags` ARRAY<STRING> NULL,
  `attrs` MAP<STRING, INT> NULL,
  `addr` ROW<`street` STRING, `zip` INT> NULL,
  PRIMARY KEY(`order_id`, `line_no`)
 NOT ENFORCED
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'order items'
);

EXECUTE STATEMENT SET BEGIN
INSERT INTO `default_catalog`.`demo`.`orders_sink` SELECT * FROM `default_catalog`.`demo`.`orders_src`;
INSERT INTO `default_catalog`.`demo`.`order items_sink`
SELECT `order_id`, `line_no`, `sku`, `qty`, `shipped_on`, `shipped_at`, `tags`, `attrs`, `addr`
FROM `default_catalog`.`demo`.`order items_src`;
END;

CREATE DATABASE IF NOT EXISTS `default_catalog`.`shop`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`shop`.`public__customers_src` (
  `id` INT NOT NULL,
  `email` VARCHAR(320) NOT NULL,
  `balance` DECIMAL(19, 4) NULL,
  `created_at` TIMESTAMP(6) NULL,
  `updated_at` TIMESTAMP_LTZ(6) NULL,
  `profile` STRING NULL,
  `ratings` ARRAY<DOUBLE> NULL,
  `schema_name` STRING METADATA FROM 'schema_name' VIRTUAL,
  PRIMARY KEY(`id`)
 NOT ENFORCED
) with (
  'connector' = 'postgres-cdc',
  'hostname' = '127.0.0.1',
  'port' = '5432',
  'username' = 'postgres',
  'password' = 'postgres',
  'database-name' = 'shop',
  'schema-name' = 'public',
  'table-name' = 'customers',
  'slot.name' = 'smt_shop_public_customers',
  'decoding.plugin.name' = 'pgoutput'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`shop`.`public__customers_sink` (
  `id` INT NOT NULL,
  `email` VARCHAR(320) NOT NULL,
  `balance` DECIMAL(19, 4) NULL,
  `created_at` TIMESTAMP(6) NULL,
  `updated_at` TIMESTAMP_LTZ(6) NULL,
  `profile` STRING NULL,
  `ratings` ARRAY<DOUBLE> NULL,
  `schema_name` STRING NULL,
  PRIMARY KEY(`id`)
 NOT ENFORCED
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'shop',
  'table-name' = 'public__customers'
);

INSERT INTO `default_catalog`.`shop`.`public__customers_sink` SELECT * FROM `default_catalog`.`shop`.`public__customers_src`;

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
