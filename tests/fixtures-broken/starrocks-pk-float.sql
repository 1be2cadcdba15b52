-- BROKEN: a FLOAT column in the PRIMARY KEY (PK columns must be BOOLEAN, integers, VARCHAR/STRING, DATE or DATETIME).
-- expect: pk-type: PRIMARY KEY column `weight`
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `weight` FLOAT NOT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`, `weight`)
COMMENT ""
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
