/**
 * The schemas of an account's fields, shared by the create-account form, the command and the bulk
 * import. They are built from the one set of rules in server/domain/account-rules.ts, which the
 * form's hints read too, so a hint and a refusal always say the same thing. Pure: safe in a client bundle.
 */
import { z } from "zod";
import { DISPLAY_NAME_MAX, PASSWORD_RULE, USERNAME_RULE, usernameHint } from "../domain/account-rules";

/** The one username hint: the create-account form, its refusal and the bulk import all say this. */
export const USERNAME_HINT = usernameHint;

export const usernameSchema = z
  .string()
  .trim()
  .min(1, "请填写用户名")
  .superRefine((value, ctx) => {
    // One message per problem, and none beyond "请填写用户名" for an empty field.
    if (value.length === 0) return;
    if (value.length < USERNAME_RULE.min) ctx.addIssue({ code: "custom", message: `用户名至少 ${USERNAME_RULE.min} 个字符` });
    if (value.length > USERNAME_RULE.max) ctx.addIssue({ code: "custom", message: `用户名不能超过 ${USERNAME_RULE.max} 个字符` });
    if (!USERNAME_RULE.pattern.test(value)) ctx.addIssue({ code: "custom", message: `用户名只能用${USERNAME_RULE.characters}` });
  });

export const displayNameSchema = z.string().trim().min(1, "请填写姓名").max(DISPLAY_NAME_MAX, `姓名不能超过 ${DISPLAY_NAME_MAX} 个字符`);

export const passwordSchema = z
  .string()
  .min(PASSWORD_RULE.min, `密码至少 ${PASSWORD_RULE.min} 位`)
  .max(PASSWORD_RULE.max, `密码不能超过 ${PASSWORD_RULE.max} 位`);
