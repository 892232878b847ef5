/** Password hashing: argon2id at the OWASP minimum (m = 19 MiB, t = 2, p = 1). */
import { hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id`; the package declares it as an ambient const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this keeps an unknown user as slow as a wrong password. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("jianyan-no-such-user");
  return dummyHash;
}
