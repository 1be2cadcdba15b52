-- BROKEN: the statement set has no END.
-- expect: STATEMENT SET without END
CREATE DATABASE IF NOT EXISTS `default_catalog`.`demo`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`demo`.`orders_src` (
  `order_id` BIGINT NOT NULL,
  `product_id` INT NULL,
  `customer_name` STRING NOT NULL,
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

EXECUTE STATEMENT SET BEGIN
INSERT INTO `default_catalog`.`demo`.`orders_sink` SELECT * FROM `default_catalog`.`demo`.`orders_src`;
