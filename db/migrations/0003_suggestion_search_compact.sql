-- The search index, rebuilt smaller (ADR 020): one column holding title, content and proposed wording,
-- `detail=none` (no positions: about a quarter of the size, and several times faster to write).
-- Without positions a phrase of four or more characters is matched as "all its trigrams", so the query
-- re-checks those candidates against the text itself; words of two or three characters are exact.
DROP TRIGGER IF EXISTS `suggestions_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `suggestions_fts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `suggestions_fts_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `suggestions_fts_vocab`;
--> statement-breakpoint
DROP TABLE IF EXISTS `suggestions_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `suggestions_fts` USING fts5(text, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none);
--> statement-breakpoint
CREATE VIRTUAL TABLE `suggestions_fts_vocab` USING fts5vocab(`suggestions_fts`, 'row');
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_ai` AFTER INSERT ON `suggestions` BEGIN
  INSERT INTO `suggestions_fts`(rowid, text) VALUES (new.id, new.title || ' ' || new.body || ' ' || new.proposed_wording || ' ');
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_ad` AFTER DELETE ON `suggestions` BEGIN
  DELETE FROM `suggestions_fts` WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_fts_au` AFTER UPDATE OF title, body, proposed_wording ON `suggestions` BEGIN
  DELETE FROM `suggestions_fts` WHERE rowid = old.id;
  INSERT INTO `suggestions_fts`(rowid, text) VALUES (new.id, new.title || ' ' || new.body || ' ' || new.proposed_wording || ' ');
END;
--> statement-breakpoint
INSERT INTO `suggestions_fts`(rowid, text)
SELECT id, title || ' ' || body || ' ' || proposed_wording || ' ' FROM `suggestions`;
