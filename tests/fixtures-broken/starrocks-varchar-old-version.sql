-- BROKEN: VARCHAR(65534) for a StarRocks 2.0 target (max 65533 before 2.1).
-- args: --version 2.0
-- expect: varchar-range: column `customer_name`: VARCHAR(65534): length must be 1..65533
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` VARCHAR(65534) NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
