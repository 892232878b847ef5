import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../db/client";
import { runMigrations } from "../db/migrate";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-start-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Starts the real entry point; every case here must fail fast with one clear line. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: path.resolve(__dirname, ".."),
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, JIANYAN_SKIP_BUILD: "1", PORT: "0", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe("start-up refusals", { timeout: 60_000 }, () => {
  it("production without AUTH_SECRET", () => {
    const r = start({ JIANYAN_MODE: "production", DATA_DIR: tempDir() });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\[jianyan\] 启动失败：生产模式必须设置 AUTH_SECRET/);
    expect(r.stderr.split("\n")).toHaveLength(1);
  });

  it("an unwritable DATA_DIR", () => {
    // Below a regular file no directory can be made, even as root.
    const file = path.join(tempDir(), "a-file");
    fs.writeFileSync(file, "");
    const r = start({ DATA_DIR: path.join(file, "data") });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`[jianyan] 启动失败：数据目录 ${path.join(file, "data")} 不可写（DATA_DIR）`);
  });

  it("a database written by a newer version", () => {
    const dir = tempDir();
    const sqlite = openSqlite(path.join(dir, "jianyan.db"));
    runMigrations(sqlite);
    sqlite.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.now() + 86_400_000);
    sqlite.close();
    const r = start({ DATA_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\[jianyan\] 启动失败：数据库结构比本程序新/);
  });

  it("a port that is already in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = start({ DATA_DIR: tempDir(), PORT: String(port) });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`[jianyan] 启动失败：端口 ${port} 已被占用（PORT）`);
    } finally {
      blocker.close();
    }
  });
});
