-- Chinese full-text search over suggestions (ADR 020) and per-finding counts kept by triggers.
-- Trigram FTS5, contentless (the text lives once, in `suggestions`). Every column is indexed with a
-- trailing space so that a two-character word at the very end of a field still begins a trigram:
-- two-character queries are answered through the vocabulary (all trigrams that start with them).
CREATE VIRTUAL TABLE `suggestions_fts` USING fts5(title, body, proposed_wording, tokenize = 'trigram', content = '', contentless_delete = 1);
--> statement-breakpoint
CREATE VIRTUAL TABLE `suggestions_fts_vocab` USING fts5vocab(`suggestions_fts`, 'row');
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_ai` AFTER INSERT ON `suggestions` BEGIN
  INSERT INTO `suggestions_fts`(rowid, title, body, proposed_wording)
  VALUES (new.id, new.title || ' ', new.body || ' ', new.proposed_wording || ' ');
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_ad` AFTER DELETE ON `suggestions` BEGIN
  DELETE FROM `suggestions_fts` WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_au` AFTER UPDATE OF title, body, proposed_wording ON `suggestions` BEGIN
  DELETE FROM `suggestions_fts` WHERE rowid = old.id;
  INSERT INTO `suggestions_fts`(rowid, title, body, proposed_wording)
  VALUES (new.id, new.title || ' ', new.body || ' ', new.proposed_wording || ' ');
END;
--> statement-breakpoint
INSERT INTO `suggestions_fts`(rowid, title, body, proposed_wording)
SELECT id, title || ' ', body || ' ', proposed_wording || ' ' FROM `suggestions`;
--> statement-breakpoint
CREATE TRIGGER `finding_counts_link_ai` AFTER INSERT ON `suggestion_findings` BEGIN
  INSERT INTO `finding_suggestion_counts`(finding_id, state, n)
  SELECT new.finding_id, s.state, 1 FROM `suggestions` s WHERE s.id = new.suggestion_id
  ON CONFLICT(finding_id, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `finding_counts_link_ad` AFTER DELETE ON `suggestion_findings` BEGIN
  UPDATE `finding_suggestion_counts` SET n = n - 1
  WHERE finding_id = old.finding_id AND state = (SELECT state FROM `suggestions` WHERE id = old.suggestion_id);
END;
--> statement-breakpoint
CREATE TRIGGER `finding_counts_state_au` AFTER UPDATE OF state ON `suggestions` WHEN old.state <> new.state BEGIN
  UPDATE `finding_suggestion_counts` SET n = n - 1
  WHERE state = old.state AND finding_id IN (SELECT finding_id FROM `suggestion_findings` WHERE suggestion_id = new.id);
  INSERT INTO `finding_suggestion_counts`(finding_id, state, n)
  SELECT finding_id, new.state, 1 FROM `suggestion_findings` WHERE suggestion_id = new.id
  ON CONFLICT(finding_id, state) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
INSERT INTO `finding_suggestion_counts`(finding_id, state, n)
SELECT sf.finding_id, s.state, count(*) FROM `suggestion_findings` sf JOIN `suggestions` s ON s.id = sf.suggestion_id
WHERE true GROUP BY sf.finding_id, s.state
ON CONFLICT(finding_id, state) DO UPDATE SET n = excluded.n;
