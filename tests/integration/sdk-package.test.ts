// The SDK as another project gets it: `npm run sdk:pack` builds packages/sdk to JavaScript and packs a
// tarball; a fresh project outside this repository installs it and plain Node — no tsx, no
// TypeScript — imports it by name, submits, verifies the receipt and the webhook. Its type
// declarations resolve for a TypeScript consumer too.
//
// The install is offline: `npm ci --offline` with a lockfile that pins the SDK's dependencies to the
// entries of this repository's package-lock.json (their tarballs are in npm's cache since this
// repository's own install). A plain `npm install --offline <tarball>` would also need the
// registry's metadata documents, which `npm ci` never caches.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/programs/launcher/free-port.ts";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { BASE_URL } from "../support/http.ts";

const run = promisify(execFile);
const repo = process.cwd();
// npm's own variables from `npm test` (npm_config_*, npm_lifecycle_*) must not steer the installs.
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_"))) as NodeJS.ProcessEnv;

const CONSUMER = `
import http from "node:http";
import { Countersign, verifyReceipt, verifyWebhook, payloadHash, ReceiptVerificationError } from "@countersign/sdk";

const { BASE_URL, API_KEY, ACTION, HOOK_PORT, HOOK_SECRET } = process.env;
const hook = new Promise((resolve) => {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      res.end("ok");
      server.close();
      resolve({ body, headers: req.headers });
    });
  });
  server.listen(Number(HOOK_PORT), "127.0.0.1");
});

const cs = new Countersign({ baseUrl: BASE_URL, apiKey: API_KEY });
const payload = { amount: 42, to: "acct_pkg" };
const handle = await cs.requestApproval({ action: ACTION, payload, summary: "from the packed SDK", context: { runId: "pkg", callId: "call-1" } });
const request = await handle.wait({ timeout: 20_000 });
const claims = await cs.verifyReceipt(request.receipt, request.approvedPayload, { requestId: handle.id });
const offline = await verifyReceipt(request.receipt, payload, { keys: await cs.receiptKeys(), requestId: handle.id });
let tampered = null;
try {
  await verifyReceipt(request.receipt, { ...payload, amount: 43 }, { keys: await cs.receiptKeys() });
} catch (e) {
  tampered = e instanceof ReceiptVerificationError ? e.reason : String(e);
}
const delivery = await hook;
const event = verifyWebhook(HOOK_SECRET, delivery.body, delivery.headers);
let forged = false;
try {
  verifyWebhook(HOOK_SECRET, delivery.body.replace('"approved"', '"rejected"'), delivery.headers);
} catch {
  forged = true;
}
console.log(JSON.stringify({ id: handle.id, status: request.status, hash: await payloadHash(payload), serverHash: request.payloadHash, receiptAction: claims.action, offlineKey: offline.keyId, tampered, event: { type: event.type, id: event.data.id }, forged }));
`;

const TYPED_CONSUMER = `
import { Countersign, isActionRejection, type ApprovalRequest } from "@countersign/sdk";
const cs = new Countersign({ baseUrl: "http://localhost:3000", apiKey: "csk_x" });
export async function decide(): Promise<ApprovalRequest["status"]> {
  const h = await cs.requestApproval({ action: "payments.transfer", payload: { amount: 1 } });
  const r = await h.wait({ timeout: 1000 });
  return isActionRejection(r) ? "rejected" : r.status;
}
// @ts-expect-error baseUrl is required
new Countersign({ apiKey: "csk_x" });
`;

type LockEntry = { version: string; resolved?: string; integrity?: string; license?: string; dependencies?: Record<string, string> };

/** package.json and package-lock.json of a project that depends on the tarball, at this repository's versions. */
function consumerProject(tarballRef: string) {
  const sdk = JSON.parse(readFileSync(path.join(repo, "packages/sdk/package.json"), "utf8")) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
  };
  const ours = (JSON.parse(readFileSync(path.join(repo, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> }).packages;
  const manifest = { name: "consumer", private: true, type: "module", dependencies: { [sdk.name]: tarballRef } };
  const packages: Record<string, unknown> = {
    "": { name: "consumer", dependencies: manifest.dependencies },
    [`node_modules/${sdk.name}`]: { version: sdk.version, resolved: tarballRef, dependencies: sdk.dependencies },
  };
  const todo = Object.keys(sdk.dependencies);
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const entry = ours[key];
    if (!entry) throw new Error(`${name} is not in this repository's package-lock.json`);
    const { version, resolved, integrity, license, dependencies } = entry;
    packages[key] = { version, resolved, integrity, license, dependencies };
    todo.push(...Object.keys(dependencies ?? {}));
  }
  return { manifest, lock: { name: "consumer", lockfileVersion: 3, requires: true, packages } };
}

describe("the SDK as a package", () => {
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "countersign-sdk-consumer-"));
    const packs = path.join(work, "packs");
    mkdirSync(packs);
    await run("npm", ["run", "sdk:pack", "--", "--pack-destination", packs], { cwd: repo, env: cleanEnv() });
    const [file] = readdirSync(packs).filter((f) => f.endsWith(".tgz"));
    tarball = path.join(packs, file!);
    const app = path.join(work, "app");
    mkdirSync(app);
    const { manifest, lock } = consumerProject(`file:../packs/${path.basename(tarball)}`);
    writeFileSync(path.join(app, "package.json"), JSON.stringify(manifest, null, 2));
    writeFileSync(path.join(app, "package-lock.json"), JSON.stringify(lock, null, 2));
    await run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], { cwd: app, env: cleanEnv() });
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("packs built JavaScript and declarations only", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n").sort();
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/package.json");
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    const declarations = readFileSync(path.join(work, "app/node_modules/@countersign/sdk/dist/index.d.ts"), "utf8");
    expect(declarations).toContain('from "./countersign.js"');
  });

  it("plain Node imports it by name: submit, wait, receipt verified online and offline, webhook verified", async () => {
    const { key } = await createTestActionType({ rules: [{ name: "all", outcome: "allow" }] });
    const agent = await createTestAgent({ scopes: [key] });
    const port = await freePort(0);
    const { secret } = await setWebhookEndpoint({
      actor: { kind: "cli" },
      agentId: agent.agentId,
      input: { url: `http://127.0.0.1:${port}/hook` },
    });
    const app = path.join(work, "app");
    writeFileSync(path.join(app, "consumer.mjs"), CONSUMER);
    const { stdout } = await run(process.execPath, ["consumer.mjs"], {
      cwd: app,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH,
        BASE_URL,
        API_KEY: agent.apiKey,
        ACTION: key,
        HOOK_PORT: String(port),
        HOOK_SECRET: secret!,
      },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(out.status).toBe("approved");
    expect(out.hash).toBe(out.serverHash);
    expect(out.receiptAction).toBe(key);
    expect(out.offlineKey).toMatch(/^rk-/);
    expect(out.tampered).toBe("payload_mismatch");
    expect(out.event).toEqual({ type: "request.approved", id: out.id });
    expect(out.forged).toBe(true);
  }, 90_000);

  it("its type declarations resolve for a TypeScript project", async () => {
    const app = path.join(work, "app");
    writeFileSync(path.join(app, "typed.ts"), TYPED_CONSUMER);
    const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
    const args = [
      "--noEmit",
      "--strict",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--target",
      "es2022",
      "--lib",
      "es2022,dom",
      "typed.ts",
    ];
    const result = await run(process.execPath, [tsc, ...args], { cwd: app }).catch((e: { stdout: string }) => ({
      stdout: e.stdout,
      failed: true,
    }));
    expect(result).not.toHaveProperty("failed");
  }, 60_000);
});
