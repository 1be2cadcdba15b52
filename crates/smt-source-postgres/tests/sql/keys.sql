CREATE TABLE k_pk (id integer PRIMARY KEY, v text);
CREATE TABLE k_composite (a integer, b text, c integer, CONSTRAINT k_composite_pk PRIMARY KEY (b, a));
CREATE TABLE k_uc (
  id integer NOT NULL,
  code text NOT NULL,
  CONSTRAINT k_uc_code_key UNIQUE (code),
  CONSTRAINT a_uc_id UNIQUE (id)
);
CREATE TABLE k_nullable_uc (id integer, CONSTRAINT k_nullable_uc_id_key UNIQUE (id));
CREATE TABLE k_ui (id integer NOT NULL, x integer, y integer NOT NULL);
CREATE UNIQUE INDEX k_ui_b ON k_ui (y, id);
CREATE UNIQUE INDEX k_ui_a ON k_ui (id) INCLUDE (x);
CREATE UNIQUE INDEX k_ui_partial ON k_ui (x) WHERE x > 0;
CREATE UNIQUE INDEX k_ui_expr ON k_ui ((x + 1));
CREATE INDEX k_ui_plain ON k_ui (x);
CREATE TABLE k_fk (id integer, pk_id integer REFERENCES k_pk (id));
CREATE TABLE k_none (a integer, b text);
CREATE TABLE k_mix (id integer PRIMARY KEY, code text NOT NULL UNIQUE, z integer NOT NULL);
CREATE UNIQUE INDEX k_mix_z ON k_mix (z);
CREATE TABLE k_excl (r int4range, EXCLUDE USING gist (r WITH &&));
