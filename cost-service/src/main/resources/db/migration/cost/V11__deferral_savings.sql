-- Calls made for requests held for the off-peak window, with what they would have cost at peak prices, so the usage
-- summary can show what deferral saved (ADR 0011). One row per usage event, written with its usage record.
CREATE TABLE deferral_savings (
    event_id      uuid PRIMARY KEY,
    user_id       text           NOT NULL,
    month         text           NOT NULL,
    cost_usd      numeric(20, 10) NOT NULL CHECK (cost_usd >= 0),
    peak_cost_usd numeric(20, 10) NOT NULL CHECK (peak_cost_usd >= 0)
);

CREATE INDEX deferral_savings_by_user_month ON deferral_savings (user_id, month);
