-- BROKEN: dynamic partitioning enabled without "dynamic_partition.end" and without PARTITION BY RANGE.
-- expect: property-value: dynamic partitioning needs "dynamic_partition.end"
CREATE TABLE IF NOT EXISTS `demo`.`logs` (
  `ts` DATETIME NULL  COMMENT "",
  `msg` STRING NULL  COMMENT ""
) ENGINE=olap
DUPLICATE KEY(`ts`)
COMMENT ""
DISTRIBUTED BY HASH(`ts`) BUCKETS 4
PROPERTIES (
  "replication_num" = "3",
  "dynamic_partition.enable" = "true",
  "dynamic_partition.time_unit" = "DAY"
);
