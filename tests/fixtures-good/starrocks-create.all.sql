-- Good: every rule of this result folder in one file (what the generator writes as .all.sql).
CREATE DATABASE IF NOT EXISTS `demo`;

CREATE TABLE IF NOT EXISTS `demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `order_date` DATETIME NOT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "name; \"quoted\"",
  `price` DECIMAL(10, 5) NULL DEFAULT "0" COMMENT "p",
  `note` VARCHAR(765) NULL  COMMENT "",
  `flags` BOOLEAN NULL  COMMENT "",
  `payload` VARBINARY(1024) NULL  COMMENT "",
  `_db` STRING NOT NULL  COMMENT "",
  `_table` STRING NOT NULL  COMMENT "",
  `_op_ts` DATETIME NOT NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`)
COMMENT "orders of the shop"
DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
PROPERTIES (
  "replication_num" = "3",
  "enable_persistent_index" = "true"
);

CREATE TABLE IF NOT EXISTS `demo`.`page_views` (
  `view_date` DATE NOT NULL  COMMENT "",
  `user_id` BIGINT NOT NULL  COMMENT "",
  `url` VARCHAR(2048) NULL  COMMENT "",
  `duration_ms` INT NULL DEFAULT "0" COMMENT "",
  `score` DOUBLE NULL  COMMENT "",
  `attrs` JSON NULL  COMMENT "",
  `tags` ARRAY<VARCHAR(64)> NULL  COMMENT "",
  `props` MAP<STRING, INT> NULL  COMMENT "",
  `geo` STRUCT<lat DOUBLE, lon DOUBLE> NULL  COMMENT ""
) ENGINE=olap
DUPLICATE KEY(`view_date`, `user_id`, `url`)
COMMENT "a big key-less table"
PARTITION BY RANGE (view_date) (
  START ("2023-01-01") END ("2025-01-01") EVERY (INTERVAL 1 month)
)
DISTRIBUTED BY HASH(`view_date`, `user_id`, `url`) BUCKETS 48
PROPERTIES (
  "replication_num" = "3",
  "dynamic_partition.enable" = "true",
  "dynamic_partition.time_unit" = "MONTH",
  "dynamic_partition.end" = "3",
  "dynamic_partition.prefix" = "auto_gen_p_",
  "dynamic_partition.buckets" = "48",
  "compression" = "ZSTD",
  "bloom_filter_columns" = "user_id"
);

CREATE TABLE IF NOT EXISTS `demo`.`daily_sales` (
  `day` DATE NOT NULL  COMMENT "",
  `shop_id` INT NOT NULL  COMMENT "",
  `revenue` DECIMAL(38, 2) SUM NULL DEFAULT "0" COMMENT "",
  `orders` BIGINT SUM NULL  COMMENT "",
  `last_order` DATETIME REPLACE NULL  COMMENT "",
  `max_item` INT MAX NULL  COMMENT ""
) ENGINE=olap
AGGREGATE KEY(`day`, `shop_id`)
COMMENT ""
DISTRIBUTED BY HASH(`day`, `shop_id`) BUCKETS 4
PROPERTIES (
  "replication_num" = "3"
);

CREATE TABLE IF NOT EXISTS `demo`.`order_items` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `line_no` SMALLINT NOT NULL  COMMENT "",
  `sku` CHAR(12) NOT NULL  COMMENT "",
  `qty` DECIMAL(38, 10) NULL  COMMENT "",
  `shipped_on` DATE NULL  COMMENT "",
  `big` LARGEINT NULL  COMMENT "",
  `ratio` FLOAT NULL  COMMENT ""
) ENGINE=olap
PRIMARY KEY(`order_id`, `line_no`)
COMMENT "line items"
DISTRIBUTED BY HASH(`order_id`, `line_no`) BUCKETS 2
ORDER BY(`sku`)
PROPERTIES (
  "replication_num" = "3"
);

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
