-- BROKEN: the key column is not the first column.
-- expect: key-order: PRIMARY KEY (order_id) must be the first columns
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `product_id` INT NULL  COMMENT "",
  `order_id` BIGINT NOT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
