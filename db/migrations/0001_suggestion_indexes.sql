CREATE TABLE `finding_suggestion_counts` (
	`finding_id` integer NOT NULL,
	`state` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`finding_id`, `state`),
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `suggestion_findings_finding_idx`;--> statement-breakpoint
CREATE INDEX `suggestion_findings_finding_idx` ON `suggestion_findings` (`finding_id`,`suggestion_id`);--> statement-breakpoint
CREATE INDEX `suggestions_duplicate_of_idx` ON `suggestions` (`duplicate_of_id`);--> statement-breakpoint
CREATE INDEX `suggestions_pending_assignee_idx` ON `suggestions` (`report_id`,`assignee_id`,`id`) WHERE state in ('submitted','under_review');--> statement-breakpoint
CREATE INDEX `suggestions_pending_submitted_idx` ON `suggestions` (`report_id`,`submitted_at`,`id`) WHERE state in ('submitted','under_review');