// npm run sdk:build — compiles the SDK to packages/sdk/dist (JavaScript + .d.ts) for use outside this
// repository. The folder is emptied, not removed, first: a file deleted from the sources must not
// linger in the package, and packages/sdk itself keeps its modification time (the app's build check
// looks at it), also when dist/ is created.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
const dist = path.join(here, "dist");
// Creating dist/ on a first build would touch packages/sdk's own time as well: put it back.
const before = statSync(here);
mkdirSync(dist, { recursive: true });
utimesSync(here, before.atime, before.mtime);
for (const entry of readdirSync(dist)) rmSync(path.join(dist, entry), { recursive: true, force: true });
const tsc = path.join(here, "../../node_modules/typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", path.join(here, "tsconfig.json")], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
// tsc rewrites "./x.ts" to "./x.js" in the JavaScript but not in the declarations; TypeScript
// before 5.0 refuses a .ts specifier there, so the declarations get the .js one too.
for (const file of readdirSync(dist).filter((f) => f.endsWith(".d.ts"))) {
  const text = readFileSync(path.join(dist, file), "utf8");
  writeFileSync(path.join(dist, file), text.replace(/(from\s+["']\.{1,2}\/[^"']+)\.ts(["'])/g, "$1.js$2"));
}
