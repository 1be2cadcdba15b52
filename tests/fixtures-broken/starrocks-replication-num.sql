-- BROKEN: "replication_num" = "3" on a cluster with a single BE.
-- args: --be-num 1
-- expect: replication-num: "replication_num" = "3" but the cluster has 1 BE
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
