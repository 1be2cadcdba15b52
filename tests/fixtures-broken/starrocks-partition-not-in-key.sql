-- BROKEN: a PRIMARY KEY table partitioned by a column outside the key.
-- expect: partition: partition column `order_date` of a PRIMARY KEY table must be a key column
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `order_date` DATE NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
PARTITION BY RANGE (order_date) (
  START ("2024-01-01") END ("2025-01-01") EVERY (INTERVAL 1 month)
)
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
