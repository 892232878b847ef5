/**
 * The rules of an account's fields, in one place: the schema that checks them (server/commands/
 * accounts.ts) and the hints the admin form shows under the fields read the same constants, so
 * the hint and the refusal always say the same thing.
 */
export const USERNAME_RULE = {
  min: 2,
  max: 32,
  pattern: /^[a-zA-Z0-9_.-]+$/,
  /** The allowed characters, as the hint and the message name them. */
  characters: "字母、数字、下划线（_）、点（.）和连字符（-）",
} as const;

export const usernameHint = `${USERNAME_RULE.min}–${USERNAME_RULE.max} 个字符，只能用${USERNAME_RULE.characters}`;

export const DISPLAY_NAME_MAX = 40;

export const PASSWORD_RULE = { min: 8, max: 128 } as const;

export const passwordHint = `至少 ${PASSWORD_RULE.min} 位`;
