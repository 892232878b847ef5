-- A dictionary of every trigram ever indexed, so that a two-character query (经费) finds the
-- trigrams that start with it by a B-tree range instead of fts5vocab, which counts each term's
-- documents as it lists them (tens of milliseconds at a million suggestions). See ADR 020.
-- Kept by triggers from the same text the FTS index receives (lower-cased, fields joined by a
-- space, a trailing space). Terms are never removed: a stale one only adds an OR term that matches
-- nothing. `search_positions` numbers the characters (triggers cannot use recursive CTEs).
CREATE TABLE `search_positions` (`n` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
INSERT INTO `search_positions`(n)
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 7200) SELECT n FROM c;
--> statement-breakpoint
CREATE TABLE `search_trigrams` (`term` text PRIMARY KEY NOT NULL) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `search_trigrams`(term) SELECT term FROM `suggestions_fts_vocab`;
--> statement-breakpoint
CREATE TRIGGER `search_trigrams_ai` AFTER INSERT ON `suggestions` BEGIN
  INSERT OR IGNORE INTO `search_trigrams`(term)
  SELECT substr(x.t, p.n, 3)
  FROM (SELECT lower(new.title || ' ' || new.body || ' ' || new.proposed_wording || ' ') AS t) AS x
  JOIN `search_positions` p ON p.n <= length(x.t) - 2;
END;
--> statement-breakpoint
CREATE TRIGGER `search_trigrams_au` AFTER UPDATE OF title, body, proposed_wording ON `suggestions` BEGIN
  INSERT OR IGNORE INTO `search_trigrams`(term)
  SELECT substr(x.t, p.n, 3)
  FROM (SELECT lower(new.title || ' ' || new.body || ' ' || new.proposed_wording || ' ') AS t) AS x
  JOIN `search_positions` p ON p.n <= length(x.t) - 2;
END;
