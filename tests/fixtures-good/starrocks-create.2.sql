-- Good: PostgreSQL shop database; schema-qualified table name <schema>__<table>, UNIQUE KEY.
CREATE DATABASE IF NOT EXISTS `shop`;

CREATE TABLE IF NOT EXISTS `shop`.`public__customers` (
  `id` INT NOT NULL  COMMENT "",
  `email` VARCHAR(1280) NOT NULL  COMMENT "",
  `balance` DECIMAL(19, 4) NULL  COMMENT "",
  `created_at` DATETIME NULL  COMMENT "",
  `updated_at` DATETIME NULL  COMMENT "",
  `profile` STRING NULL  COMMENT "",
  `ratings` ARRAY<DOUBLE> NULL  COMMENT "",
  `schema_name` STRING NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`id`)
COMMENT ""
DISTRIBUTED BY HASH(`id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "1"
);

CREATE TABLE IF NOT EXISTS `shop`.`public__price_history` (
  `sku` VARCHAR(64) NOT NULL  COMMENT "",
  `valid_from` DATE NOT NULL  COMMENT "",
  `price` DECIMAL(12, 2) NULL  COMMENT ""
) ENGINE=olap
UNIQUE KEY(`sku`, `valid_from`)
COMMENT "prices"
DISTRIBUTED BY HASH(`sku`) BUCKETS 3
PROPERTIES (
  "replication_num" = "1",
  "storage_medium" = "SSD"
);
