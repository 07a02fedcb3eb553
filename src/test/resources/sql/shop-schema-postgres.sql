-- The guide's application tables (section 2.3) as a PostgreSQL schema for tests. Times are timestamptz,
-- which the monitor's bound window starts compare against. No index on audit_log.event: the error query
-- and the deliberately heavy test query read it sequentially.
CREATE TABLE profiles (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profiles_created_at ON profiles (created_at);

CREATE TABLE orders (
    id            bigserial PRIMARY KEY,
    profile_id    bigint,
    status        text NOT NULL,
    amount_cents  bigint NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    delivered_at  timestamptz
);
CREATE INDEX orders_created_at ON orders (created_at);

CREATE TABLE payment_transactions (
    id            bigserial PRIMARY KEY,
    order_id      bigint,
    status        text NOT NULL,
    amount_cents  bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_transactions_created_at ON payment_transactions (created_at);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    event       text NOT NULL,
    detail      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A second table named "orders" in another schema: the guide's pg_tables join on the name alone would
-- mix the two up.
CREATE SCHEMA archive;
CREATE TABLE archive.orders (LIKE public.orders INCLUDING ALL);
