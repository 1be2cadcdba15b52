-- BROKEN: an unknown property (the misspelt dynamic_partitoin.end that SMT used to write).
-- expect: unknown-property: "dynamic_partitoin.end"
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
DUPLICATE KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3",
  "dynamic_partitoin.end" = "3"
);
