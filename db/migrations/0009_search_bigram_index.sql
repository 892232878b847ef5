-- Every match for two-character words (ADR 044, superseding the dictionary of ADR 020 / 0004).
-- A second contentless FTS5 index holds every two-character window of title, content and proposed
-- wording as one ASCII term (the code points in hex, A–Z lower-cased as LIKE folds them), so a
-- two-character word is one exact term instead of a capped OR of the trigrams that start with it.
-- The terms come from `jianyan_bigrams()`, registered on every connection by db/client.ts.
DROP TRIGGER IF EXISTS `search_trigrams_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_trigrams_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_trigrams`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_positions`;
--> statement-breakpoint
DROP TABLE IF EXISTS `suggestions_fts_vocab`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `suggestions_bigrams` USING fts5(grams, tokenize = 'ascii', content = '', contentless_delete = 1, detail = none);
--> statement-breakpoint
CREATE TRIGGER `suggestions_bigrams_ai` AFTER INSERT ON `suggestions` BEGIN
  INSERT INTO `suggestions_bigrams`(rowid, grams) VALUES (new.id, jianyan_bigrams(new.title, new.body, new.proposed_wording));
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_bigrams_ad` AFTER DELETE ON `suggestions` BEGIN
  DELETE FROM `suggestions_bigrams` WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `suggestions_bigrams_au` AFTER UPDATE OF title, body, proposed_wording ON `suggestions` BEGIN
  DELETE FROM `suggestions_bigrams` WHERE rowid = old.id;
  INSERT INTO `suggestions_bigrams`(rowid, grams) VALUES (new.id, jianyan_bigrams(new.title, new.body, new.proposed_wording));
END;
--> statement-breakpoint
INSERT INTO `suggestions_bigrams`(rowid, grams)
SELECT id, jianyan_bigrams(title, body, proposed_wording) FROM `suggestions`;
