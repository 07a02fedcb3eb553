-- Activity for the database-performance tests, relative to the server's clock.
INSERT INTO profiles (email, created_at)
SELECT 'user' || g || '@example.test', now() - g * interval '1 minute' FROM generate_series(1, 2000) g;

INSERT INTO orders (profile_id, status, amount_cents, created_at, delivered_at)
SELECT (g % 2000) + 1,
       CASE WHEN g % 10 = 0 THEN 'cancelled' WHEN g % 3 = 0 THEN 'delivered' ELSE 'pending' END,
       1000 + g,
       now() - g * interval '2 minutes',
       CASE WHEN g % 3 = 0 THEN now() - g * interval '1 minute' END
FROM generate_series(1, 3000) g;

INSERT INTO payment_transactions (order_id, status, amount_cents, created_at)
SELECT g, CASE WHEN g % 25 = 0 THEN 'failed' ELSE 'succeeded' END, 1000 + g, now() - g * interval '2 minutes'
FROM generate_series(1, 3000) g;

INSERT INTO audit_log (event, detail, created_at)
SELECT CASE WHEN g % 50 = 0 THEN 'payment_error' ELSE 'page_view' END, repeat('x', 40), now() - g * interval '1 second'
FROM generate_series(1, 20000) g;

INSERT INTO archive.orders (profile_id, status, amount_cents, created_at)
SELECT g, 'delivered', 500, now() - interval '400 days' FROM generate_series(1, 10) g;

ANALYZE;
