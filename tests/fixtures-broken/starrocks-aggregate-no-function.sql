-- BROKEN: a value column of an AGGREGATE KEY table without an aggregate function.
-- expect: aggregate-function: value column `total` of an AGGREGATE KEY table needs
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `day` DATE NOT NULL  COMMENT "",
  `order_id` BIGINT NOT NULL  COMMENT "",
  `total` BIGINT NULL  COMMENT ""
) ENGINE=olap
AGGREGATE KEY(`day`, `order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
