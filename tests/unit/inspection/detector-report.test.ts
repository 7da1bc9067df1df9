import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { measureDetectors, type CorpusEntry } from "@/lib/domain/inspection/measure-detectors.ts";

// The detectors measured on the labelled corpus (npm run bench:detectors writes the same report to
// docs/DETECTORS.md; the test only enforces it, so a test run leaves the tree clean). Targets (issue 6):
// recall >= 0.9 for every flag, benign false-positive rate <= 5%.
const load = (name: string) => JSON.parse(readFileSync(`tests/fixtures/inspection/${name}.json`, "utf8")) as CorpusEntry[];

describe("detector report", () => {
  it("meets the recall and false-positive targets on the labelled corpus", () => {
    const hostile = load("hostile");
    const benign = load("benign");
    expect(hostile.length).toBeGreaterThanOrEqual(150);
    expect(benign.length).toBeGreaterThanOrEqual(150);
    const report = measureDetectors(hostile, benign);
    console.log(
      report.perFlag
        .map((m) => `${m.flag.padEnd(20)} precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)} (${m.labelled} labelled)`)
        .join("\n"),
    );
    for (const m of report.perFlag) {
      expect(m.labelled, `${m.flag} has labelled examples`).toBeGreaterThanOrEqual(10);
      expect(m.recall, `${m.flag} recall`).toBeGreaterThanOrEqual(0.9);
    }
    expect(report.benignFlagged.length / report.benign).toBeLessThanOrEqual(0.05);
  });
});
