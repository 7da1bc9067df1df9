// `npm run bench:detectors`: the detector report on the labelled corpus (tests/fixtures/inspection),
// printed and written to docs/DETECTORS.md — the same as the detector report test, without a stack.
import { readFileSync, writeFileSync } from "node:fs";
import { measureDetectors, renderDetectorReport, type CorpusEntry } from "@/lib/domain/inspection/measure-detectors.ts";

const load = (name: string) => JSON.parse(readFileSync(`tests/fixtures/inspection/${name}.json`, "utf8")) as CorpusEntry[];
const report = measureDetectors(load("hostile"), load("benign"));
const markdown = renderDetectorReport(report);
writeFileSync("docs/DETECTORS.md", markdown);
process.stdout.write(markdown);
