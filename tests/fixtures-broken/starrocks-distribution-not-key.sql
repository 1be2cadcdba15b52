-- BROKEN: a PRIMARY KEY table distributed by a non-key column.
-- expect: distribution: DISTRIBUTED BY columns of a PRIMARY KEY table must be key columns: product_id
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`product_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
