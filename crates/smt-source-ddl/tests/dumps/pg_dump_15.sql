--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6 (Debian 15.6-0+deb12u1)
-- Dumped by pg_dump version 15.6 (Debian 15.6-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sales; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA sales;


ALTER SCHEMA sales OWNER TO postgres;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: mood; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.mood AS ENUM (
    'sad',
    'ok',
    'it''s fine'
);


ALTER TYPE public.mood OWNER TO postgres;

--
-- Name: Status Kind; Type: TYPE; Schema: sales; Owner: postgres
--

CREATE TYPE sales."Status Kind" AS ENUM (
    'New',
    'Paid'
);

--
-- Name: address; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.address AS (
	street text,
	city text
);

--
-- Name: email; Type: DOMAIN; Schema: public; Owner: postgres
--

CREATE DOMAIN public.email AS character varying(320) COLLATE pg_catalog."C"
	CONSTRAINT email_check CHECK (((VALUE)::text ~~ '%@%'::text));


--
-- Name: touch(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now(); -- a ; inside a body
  RETURN NEW;
END;
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.customers (
    id integer NOT NULL,
    email public.email NOT NULL,
    name character varying(100) DEFAULT 'n/a'::character varying,
    nick public.citext,
    mood public.mood DEFAULT 'ok'::public.mood,
    balance numeric(12,2) DEFAULT 0 NOT NULL,
    score numeric,
    tags text[] DEFAULT '{}'::text[],
    matrix integer[],
    created_at timestamp(3) with time zone DEFAULT now() NOT NULL,
    born date,
    wake time without time zone,
    ip inet,
    doc jsonb,
    raw bytea,
    uid uuid DEFAULT gen_random_uuid(),
    flags bit(3),
    addr public.address,
    total numeric GENERATED ALWAYS AS ((balance * (2)::numeric)) STORED,
    note text COLLATE pg_catalog."C"
);


ALTER TABLE public.customers OWNER TO postgres;

--
-- Name: TABLE customers; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.customers IS 'All customers; ''VIP'' too';


--
-- Name: COLUMN customers.email; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.customers.email IS 'login e-mail';


--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.customers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customers_id_seq OWNER TO postgres;

--
-- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;


--
-- Name: Order Items; Type: TABLE; Schema: sales; Owner: postgres
--

CREATE TABLE sales."Order Items" (
    "ID" bigint NOT NULL,
    "Qty" smallint DEFAULT 1,
    "Prix €" money,
    "Status" sales."Status Kind" DEFAULT 'New'::sales."Status Kind" NOT NULL,
    "straße" character(2),
    note character varying
);


ALTER TABLE sales."Order Items" OWNER TO postgres;

--
-- Name: Order Items_ID_seq; Type: SEQUENCE; Schema: sales; Owner: postgres
--

ALTER TABLE sales."Order Items" ALTER COLUMN "ID" ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sales."Order Items_ID_seq"
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: measurement; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurement (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer,
    unitsales integer
)
PARTITION BY RANGE (logdate);


ALTER TABLE public.measurement OWNER TO postgres;

--
-- Name: measurement_y2024m01; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurement_y2024m01 (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer,
    unitsales integer
);


ALTER TABLE public.measurement_y2024m01 OWNER TO postgres;

--
-- Name: measurement_y2024m02; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.measurement_y2024m02 (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peaktemp integer,
    unitsales integer
);

--
-- Name: measurement_y2024m01; Type: TABLE ATTACH; Schema: public; Owner: 
--

ALTER TABLE ONLY public.measurement ATTACH PARTITION public.measurement_y2024m01 FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');


--
-- Name: measurement_y2024m02; Type: TABLE ATTACH; Schema: public; Owner: 
--

ALTER TABLE ONLY public.measurement ATTACH PARTITION public.measurement_y2024m02 FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');

--
-- Name: measurement_old; Type: TABLE; Schema: public (PG 10 style partition)
--

CREATE TABLE public.measurement_old PARTITION OF public.measurement
FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');

--
-- Name: v_customers; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.v_customers AS
 SELECT customers.id,
    customers.email
   FROM public.customers;


--
-- Name: daily; Type: MATERIALIZED VIEW; Schema: public; Owner: postgres
--

CREATE MATERIALIZED VIEW public.daily AS
 SELECT 1 AS one
  WITH NO DATA;

--
-- Name: customers id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);


--
-- Data for Name: customers; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.customers (id, email, name) FROM stdin;
1	a@b.c	x; CREATE TABLE nope (a int);
2	\N	it's
\.


--
-- Name: customers_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.customers_id_seq', 2, true);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: customers customers_email_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);


--
-- Name: measurement measurement_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurement
    ADD CONSTRAINT measurement_pkey PRIMARY KEY (city_id, logdate);


--
-- Name: measurement_y2024m01 measurement_y2024m01_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.measurement_y2024m01
    ADD CONSTRAINT measurement_y2024m01_pkey PRIMARY KEY (city_id, logdate);


--
-- Name: Order Items Order Items_pkey; Type: CONSTRAINT; Schema: sales; Owner: postgres
--

ALTER TABLE ONLY sales."Order Items"
    ADD CONSTRAINT "Order Items_pkey" PRIMARY KEY ("ID");


--
-- Name: customers_lower_name; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX customers_lower_name ON public.customers USING btree (lower((name)::text));


--
-- Name: customers_nick_idx; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX customers_nick_idx ON public.customers USING btree (nick, born) WHERE (nick IS NOT NULL);


--
-- Name: customers_uid_key; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX customers_uid_key ON public.customers USING btree (uid);


--
-- Name: measurement_city_day; Type: INDEX; Schema: public; Owner: postgres
--

CREATE UNIQUE INDEX measurement_city_day ON ONLY public.measurement USING btree (city_id, logdate, peaktemp);


CREATE INDEX customers_born_idx ON public.customers USING btree (born);

ALTER INDEX public.measurement_pkey ATTACH PARTITION public.measurement_y2024m01_pkey;

--
-- Name: customers touch; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER touch BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();

--
-- An injected unparsable statement:
--

CREATE TABLE public.broken (
    a integer NOT NULL,
    b integer DEFAULT
);

--
-- Name: orders; Type: FK CONSTRAINT; Schema: sales; Owner: postgres
--

ALTER TABLE ONLY sales."Order Items"
    ADD CONSTRAINT "Order Items_fk" FOREIGN KEY ("ID") REFERENCES public.customers(id);

GRANT ALL ON SCHEMA public TO PUBLIC;

--
-- PostgreSQL database dump complete
--

