-- BROKEN: a metadata column reads a key mysql-cdc does not provide ('op_time' instead of 'op_ts').
-- expect: metadata key 'op_time' is not provided by 'mysql-cdc'
CREATE DATABASE IF NOT EXISTS `default_catalog`.`demo`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`orders_src` (
  `order_id` BIGINT NOT NULL,
  `product_id` INT NULL,
  `customer_name` STRING NOT NULL,
  `price` DECIMAL(10, 5) NULL,
  `op_ts` TIMESTAMP_LTZ(3) METADATA FROM 'op_time' VIRTUAL,
  PRIMARY KEY(`order_id`)
 NOT ENFORCED
) with (
  'connector' = 'mysql-cdc',
  'hostname' = '127.0.0.1',
  'port' = '3306',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'orders'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`orders_sink` (
  `order_id` BIGINT NOT NULL,
  `product_id` INT NULL,
  `customer_name` STRING NOT NULL,
  `price` DECIMAL(10, 5) NULL,
  PRIMARY KEY(`order_id`)
 NOT ENFORCED
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'demo',
  'table-name' = 'orders'
);

INSERT INTO `default_catalog`.`demo`.`orders_sink`
SELECT `order_id`, `product_id`, `customer_name`, `price` FROM `default_catalog`.`demo`.`orders_src`;
