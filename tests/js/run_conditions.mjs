// Runs tests/conditions_cases.json against static/js/conditions.js under Node (no browser).
// Prints one JSON line: { "results": [true, false, ...] } in case order; pytest compares.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const conditions = require(path.join(here, "..", "..", "static", "js", "conditions.js"));
const data = JSON.parse(readFileSync(path.join(here, "..", "conditions_cases.json"), "utf8"));
const results = data.cases.map((c) => conditions.evaluate(c.condition, (qid) => c.answers[qid], data.named));
process.stdout.write(JSON.stringify({ results }) + "\n");
