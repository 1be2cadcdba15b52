-- BROKEN: the same column twice (case-insensitive).
-- expect: duplicate-column: column `Price` is defined twice
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT "",
  `Price` DOUBLE NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
