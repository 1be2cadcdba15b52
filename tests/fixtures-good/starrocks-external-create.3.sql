-- Good: Hive external resource and table.
CREATE EXTERNAL RESOURCE "hive_external_resource" PROPERTIES (
  "type" = "hive",
  "hive.metastore.uris" = "thrift://127.0.0.1:9083"
);

CREATE DATABASE IF NOT EXISTS `hive_external_warehouse`;

CREATE EXTERNAL TABLE `hive_external_warehouse`.`events` (
  `event_id` BIGINT NULL  COMMENT "",
  `event_type` STRING NULL  COMMENT "",
  `amount` DECIMAL(18, 2) NULL  COMMENT "",
  `event_time` DATETIME NULL  COMMENT "",
  `dt` STRING NULL  COMMENT ""
) ENGINE=hive
COMMENT ""
PROPERTIES (
  "database" = "warehouse",
  "table" = "events",
  "resource" = "hive_external_resource"
);
