-- The dues ledger (đảng phí; QĐ 01-QĐ/TW 2026, issue 10, ADR 024). Amounts are integers of đồng.
-- Months are 'YYYY-MM'. A cell records a month in one batch: its entries and its summary row in
-- dues_cell_month are written by the same statements, so a committee sums one row per cell.

-- A member's category and base amount from a month on (the latest valid_from <= month applies).
CREATE TABLE dues_bases (
  id           serial PRIMARY KEY,
  member_id    integer NOT NULL REFERENCES members(id),
  valid_from   text NOT NULL CHECK (valid_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  category     text NOT NULL,
  -- The income the rate applies to (salary, pension, allowance); NULL for a fixed category.
  base_amount  bigint CHECK (base_amount IS NULL OR base_amount >= 0),
  created_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, valid_from)
);

-- One row per member and month once the cell records the month.
CREATE TABLE dues_entries (
  id           serial PRIMARY KEY,
  member_id    integer NOT NULL REFERENCES members(id),
  -- The cell that counted the member that month and recorded the entry.
  unit_id      integer NOT NULL REFERENCES org_units(id),
  month        text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  category     text NOT NULL,
  base_amount  bigint CHECK (base_amount IS NULL OR base_amount >= 0),
  due          bigint NOT NULL CHECK (due >= 0),
  paid         bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  paid_on      date,
  -- Why the member did not pay in full (illness, hardship…): such a month is not counted
  -- towards xóa tên.
  reason       text,
  recorded_by  integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, month)
);
CREATE INDEX dues_entries_unit_month ON dues_entries (unit_id, month);

-- The cell's month summary, kept on write with the entries and the remittances.
CREATE TABLE dues_cell_month (
  unit_id         integer NOT NULL REFERENCES org_units(id),
  month           text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  members         integer NOT NULL DEFAULT 0 CHECK (members >= 0),
  due             bigint NOT NULL DEFAULT 0 CHECK (due >= 0),
  paid            bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  unpaid_members  integer NOT NULL DEFAULT 0 CHECK (unpaid_members >= 0),
  -- Σ max(due − paid, 0) over the cell's entries up to and including this month.
  arrears         bigint NOT NULL DEFAULT 0 CHECK (arrears >= 0),
  remitted        bigint NOT NULL DEFAULT 0 CHECK (remitted >= 0),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, month)
);
CREATE INDEX dues_cell_month_month ON dues_cell_month (month, unit_id);

-- What the cell handed over to the committee above for a month.
CREATE TABLE dues_remittances (
  id           serial PRIMARY KEY,
  unit_id      integer NOT NULL REFERENCES org_units(id),
  month        text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount       bigint NOT NULL CHECK (amount >= 0),
  remitted_on  date NOT NULL,
  note         text,
  created_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dues_remittances_unit_month ON dues_remittances (unit_id, month);
