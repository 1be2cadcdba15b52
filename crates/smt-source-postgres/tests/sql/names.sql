CREATE SCHEMA "Sales Dept";
CREATE TABLE "Sales Dept"."Order Items" ("Item ID" integer PRIMARY KEY, "ÜberName" text, "lower" integer);
CREATE SCHEMA "数据";
CREATE TABLE "数据"."表一" ("列" integer NOT NULL, CONSTRAINT "唯一" UNIQUE ("列"));
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TABLE a.same (id integer);
CREATE TABLE b.same (id integer, x text);
CREATE TABLE public."UPPER" ("ID" integer);
CREATE TABLE public.upper (id integer);
CREATE SCHEMA s_0;
CREATE SCHEMA s_1;
CREATE TABLE s_0.orders_0 (id bigint PRIMARY KEY, note text);
CREATE TABLE s_1.orders_1 (id bigint PRIMARY KEY, note text);
CREATE TABLE s_1.other (id bigint);
CREATE SCHEMA "s_%x";
CREATE TABLE "s_%x".orders_9 (id bigint);
CREATE VIEW a.a_view AS SELECT 1 AS one;
CREATE MATERIALIZED VIEW a.a_matview AS SELECT 1 AS one;
CREATE SEQUENCE a.a_seq;
CREATE TABLE public.events (
  id bigint NOT NULL,
  created date NOT NULL,
  v text,
  PRIMARY KEY (id, created)
) PARTITION BY RANGE (created);
CREATE TABLE public.events_2024 PARTITION OF public.events
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_2025 PARTITION OF public.events
  FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY HASH (id);
CREATE TABLE public.events_2025_h0 PARTITION OF public.events_2025 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE public.events_2025_h1 PARTITION OF public.events_2025 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO public.events SELECT g, DATE '2024-06-01' + (g % 400), 'x' FROM generate_series(1, 3000) g;
CREATE TABLE public.multi_key (a integer NOT NULL, b text NOT NULL, c integer) PARTITION BY RANGE (b, a);
CREATE TABLE public.never_analyzed (id integer);
CREATE TABLE public.analyzed (id integer);
INSERT INTO public.analyzed SELECT generate_series(1, 1000);
ANALYZE public.events;
ANALYZE public.analyzed;
