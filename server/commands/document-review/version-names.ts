/** The usual milestones of a report's drafting (any other name may be given too). */
export const MILESTONE_NAMES = ["初稿", "征求意见稿", "送审稿", "定稿"] as const;
