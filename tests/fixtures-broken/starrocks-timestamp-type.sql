-- BROKEN: TIMESTAMP is not a StarRocks column type (DATETIME is); sqlglot would silently accept it.
-- expect: column-type: column `created`: TIMESTAMP is not a StarRocks type name
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT "",
  `created` TIMESTAMP NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
