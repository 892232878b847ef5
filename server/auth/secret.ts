import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class MissingSecretError extends Error {
  constructor() {
    super("生产模式必须设置 AUTH_SECRET（至少 32 个字符），例如：AUTH_SECRET=$(openssl rand -base64 33)");
    this.name = "MissingSecretError";
  }
}

/**
 * The secret that signs sessions. Production requires AUTH_SECRET. The demo and development
 * modes generate one once and keep it in DATA_DIR, so sessions survive restarts.
 */
export function resolveAuthSecret(options: { production: boolean; dataDir: string }): string {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  if (options.production) throw new MissingSecretError();
  const file = path.join(options.dataDir, "auth-secret");
  try {
    const kept = fs.readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  } catch {
    // Not there yet: make one below.
  }
  const secret = crypto.randomBytes(33).toString("base64");
  fs.mkdirSync(options.dataDir, { recursive: true });
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
