-- Unit pickers search the units of a subtree by name (ADR 032): a name typed without diacritics
-- ("khu pho") finds "Khu phố". The trigram GIN index serves `chibo_fold(name) LIKE '%…%'` (the
-- fold and pg_trgm come from 0024, which PGlite loads too); the subtree is then `path LIKE`.
CREATE INDEX org_units_name_fold_trgm ON org_units USING gin (chibo_fold(name) gin_trgm_ops);

-- Without a search the picker pages a subtree in the order (depth, folded name, name, id): the
-- fold puts "Ấp An Bình" among the a's, not after "Z" as a byte order would (unit rows have no
-- stored Vietnamese sort key). This index lets a big subtree (a province) walk that order with a
-- LIMIT instead of sorting every unit; a small one takes its path range (org_units_path_prefix)
-- and sorts the few rows.
CREATE INDEX org_units_depth_fold_name_id ON org_units (depth, chibo_fold(name), name, id);
