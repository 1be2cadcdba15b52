-- BROKEN: two STRING columns are swapped between _src and _sink; Flink accepts it (same types), --strict does not.
-- args: --strict
-- expect: strict: query column 3 `customer_name` is written into sink column `city`
CREATE DATABASE IF NOT EXISTS `default_catalog`.`demo`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`orders_src` (
  `order_id` BIGINT NOT NULL,
  `product_id` INT NULL,
  `customer_name` STRING NULL,
  `city` STRING NULL,
  `price` DECIMAL(10, 5) NULL,
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
  `city` STRING NULL,
  `customer_name` STRING NULL,
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

INSERT INTO `default_catalog`.`demo`.`orders_sink` SELECT * FROM `default_catalog`.`demo`.`orders_src`;
