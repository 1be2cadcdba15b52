-- Good: the deprecated MySQL external tables (ENGINE=mysql).
CREATE DATABASE IF NOT EXISTS `mysql_external_demo`;

CREATE EXTERNAL TABLE `mysql_external_demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT "",
  `product_id` INT NULL  COMMENT "",
  `order_date` DATETIME NOT NULL  COMMENT "",
  `customer_name` STRING NOT NULL  COMMENT "",
  `price` DECIMAL(10, 5) NULL  COMMENT "p"
) ENGINE=mysql
COMMENT "orders of the shop"
PROPERTIES (
  "host" = "127.0.0.1",
  "port" = "3306",
  "user" = "root",
  "password" = "",
  "database" = "demo",
  "table" = "orders"
);
