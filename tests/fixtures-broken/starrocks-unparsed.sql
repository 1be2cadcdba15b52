-- BROKEN: BUCKETS written as a word: sqlglot cannot parse it (falls back to a Command).
-- expect: syntax: not understood
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS eight
PROPERTIES (
  "replication_num" = "3"
);
