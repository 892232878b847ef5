/**
 * The process's one logger (pino): one JSON object per line on stdout in production and demo
 * modes, a readable one-line format in development. Level from LOG_LEVEL (default info).
 *
 * Secrets never reach the output: keys such as password, token, secret, cookie and authorization
 * are censored wherever they appear (up to three levels deep, e.g. req.headers.cookie), and the
 * values of AUTH_SECRET and METRICS_TOKEN are blanked out of every line, messages and stacks too.
 *
 * server/main.ts creates the logger and registers it on globalThis, so the Next bundle (a
 * separate module graph of the same process) logs through the same instance and format.
 */
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };
export type LogFormat = "json" | "line";

export const REDACTED = "[Redacted]";

const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "secret",
  "authSecret",
  "AUTH_SECRET",
  "METRICS_TOKEN",
  "ADMIN_PASSWORD",
  "authorization",
  "cookie",
  '["set-cookie"]',
];

/** The key names censored at the top level and up to two levels below it. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const step = key.startsWith("[") ? key : `.${key}`;
  return [key, `*${step}`, `*.*${step}`];
});

/** Environment values that must never appear in a log line, whatever field they ended up in. */
function environmentSecrets(): string[] {
  return [process.env.AUTH_SECRET, process.env.METRICS_TOKEN, process.env.ADMIN_PASSWORD].filter(
    (value): value is string => typeof value === "string" && value.length >= 8,
  );
}

function scrubbing(next: DestinationStream, secrets: () => string[]): DestinationStream {
  return {
    write(line: string) {
      let out = line;
      for (const secret of secrets()) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
      next.write(out);
    },
  };
}

function plain(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** Development: `12:03:04 INFO 已启动… key=value …`, an error's stack on the lines below. */
function oneLine(next: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        next.write(line);
        return;
      }
      const { time, level, msg, pid: _pid, err, ...rest } = entry;
      const clock = new Date(typeof time === "string" || typeof time === "number" ? time : Date.now()).toTimeString().slice(0, 8);
      const fields = Object.entries(rest).map(([k, v]) => `${k}=${plain(v)}`);
      const stack = (err as { stack?: unknown } | undefined)?.stack;
      const errorText = err ? `\n${typeof stack === "string" ? stack : JSON.stringify(err)}` : "";
      next.write(`${clock} ${String(level).toUpperCase()} ${String(msg ?? "")}${fields.length ? ` ${fields.join(" ")}` : ""}${errorText}\n`);
    },
  };
}

export function levelFromEnv(value = process.env.LOG_LEVEL): pino.LevelWithSilent {
  const level = (value ?? "").trim().toLowerCase();
  return level in pino.levels.values || level === "silent" ? (level as pino.LevelWithSilent) : "info";
}

export type LoggerOptions = {
  level?: string;
  format?: LogFormat;
  /** Where lines go; stdout (written synchronously, so nothing is lost at exit) when omitted. */
  destination?: DestinationStream;
  /** Values blanked out of every line; AUTH_SECRET, METRICS_TOKEN and ADMIN_PASSWORD when omitted. */
  secretValues?: () => string[];
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  const scrubbed = scrubbing(out, options.secretValues ?? environmentSecrets);
  const stream = options.format === "line" ? oneLine(scrubbed) : scrubbed;
  return pino(
    {
      level: levelFromEnv(options.level),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
    },
    stream,
  );
}

const LOGGER_KEY = Symbol.for("jianyan.logger");
type GlobalWithLogger = typeof globalThis & { [LOGGER_KEY]?: Logger };

/** Makes `logger` the process's logger (server/main.ts, at start). */
export function registerLogger(logger: Logger): Logger {
  (globalThis as GlobalWithLogger)[LOGGER_KEY] = logger;
  return logger;
}

/** The process's logger; outside the server (tests, scripts) a JSON logger at LOG_LEVEL. */
export function logger(): Logger {
  const g = globalThis as GlobalWithLogger;
  return (g[LOGGER_KEY] ??= createLogger());
}
