-- BROKEN: SMT-style "first three columns" duplicate key that picks a DOUBLE column.
-- expect: sort-key-type: DUPLICATE KEY column `score` is DOUBLE
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `id` BIGINT NULL  COMMENT "",
  `score` DOUBLE NULL  COMMENT "",
  `name` STRING NULL  COMMENT ""
) ENGINE=olap
DUPLICATE KEY(`id`, `score`, `name`)
COMMENT ""
DISTRIBUTED BY HASH(`id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3"
);
