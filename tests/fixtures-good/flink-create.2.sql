-- Good: PostgreSQL (postgres-cdc) -> StarRocks; schema-qualified names become <schema>__<table>.
CREATE DATABASE IF NOT EXISTS `default_catalog`.`shop`;

CREATE TABLE IF NOT EXISTS `default_catalog`.`shop`.`public__customers_src` (
  `id` INT NOT NULL,
  `email` VARCHAR(320) NOT NULL,
  `balance` DECIMAL(19, 4) NULL,
  `created_at` TIMESTAMP(6) NULL,
  `updated_at` TIMESTAMP_LTZ(6) NULL,
  `profile` STRING NULL,
  `ratings` ARRAY<DOUBLE> NULL,
  `schema_name` STRING METADATA FROM 'schema_name' VIRTUAL,
  PRIMARY KEY(`id`)
 NOT ENFORCED
) with (
  'connector' = 'postgres-cdc',
  'hostname' = '127.0.0.1',
  'port' = '5432',
  'username' = 'postgres',
  'password' = 'postgres',
  'database-name' = 'shop',
  'schema-name' = 'public',
  'table-name' = 'customers',
  'slot.name' = 'smt_shop_public_customers',
  'decoding.plugin.name' = 'pgoutput'
);

CREATE TABLE IF NOT EXISTS `default_catalog`.`shop`.`public__customers_sink` (
  `id` INT NOT NULL,
  `email` VARCHAR(320) NOT NULL,
  `balance` DECIMAL(19, 4) NULL,
  `created_at` TIMESTAMP(6) NULL,
  `updated_at` TIMESTAMP_LTZ(6) NULL,
  `profile` STRING NULL,
  `ratings` ARRAY<DOUBLE> NULL,
  `schema_name` STRING NULL,
  PRIMARY KEY(`id`)
 NOT ENFORCED
) with (
  'connector' = 'starrocks',
  'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030',
  'load-url' = '127.0.0.1:8030',
  'username' = 'root',
  'password' = '',
  'database-name' = 'shop',
  'table-name' = 'public__customers'
);

INSERT INTO `default_catalog`.`shop`.`public__customers_sink` SELECT * FROM `default_catalog`.`shop`.`public__customers_src`;
