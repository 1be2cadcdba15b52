-- BROKEN: VARCHAR(2000000) exceeds the maximum 1048576.
-- expect: varchar-range: column `customer_name`: VARCHAR(2000000)
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` VARCHAR(2000000) NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
