// Renders kustomizations with `kubectl kustomize` and validates every object against the
// Kubernetes API schemas of the npm package kubernetes-models, in two ways:
//  1. its JSON-schema validators (types, required fields, enums, formats);
//  2. TypeScript's excess-property check against the same package's type declarations, because
//     the JSON schemas accept unknown fields: a misspelt key (say `readinessProbes`) must fail,
//     not be dropped silently by the API server.
// Usage: node validate.mjs [kustomization-dir ...]   (default: base example)
// Exit status 0 when every object is valid; 1 with one line per problem otherwise.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const kubectl = process.env.KUBECTL || "kubectl";
const dirs = process.argv.length > 2 ? process.argv.slice(2) : ["base", "example"].map((d) => join(here, d));

const problems = [];
const objects = []; // { where, apiVersion, kind, doc }

for (const dir of dirs) {
  let rendered;
  try {
    rendered = execFileSync(kubectl, ["kustomize", resolve(dir)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    problems.push(`${dir}: kubectl kustomize failed: ${(e.stderr || e.message).toString().trim()}`);
    continue;
  }
  for (const parsed of parseAllDocuments(rendered)) {
    if (parsed.errors.length) {
      problems.push(`${dir}: YAML: ${parsed.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const doc = parsed.toJS();
    if (doc === null) continue;
    const where = `${dir}: ${doc.kind}/${doc.metadata?.name}`;
    objects.push({ where, apiVersion: doc.apiVersion, kind: doc.kind, doc });
  }
}

// 1. JSON schema of each object's apiVersion and kind.
for (const o of objects) {
  let model;
  try {
    model = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`))[o.kind];
  } catch {
    model = undefined;
  }
  if (!model) {
    o.unknown = true;
    problems.push(`${o.where}: no schema for apiVersion ${o.apiVersion}, kind ${o.kind}`);
    continue;
  }
  try {
    new model(o.doc).validate();
  } catch (e) {
    problems.push(`${o.where}: ${e.message}`);
  }
}

// 2. Unknown fields: each object as an object literal of the package's interface I<Kind>.
const known = objects.filter((o) => !o.unknown);
if (known.length) {
  const work = mkdtempSync(join(here, ".validate-"));
  try {
    const file = join(work, "objects.ts");
    const lines = [];
    const starts = [];
    known.forEach((o, i) => lines.push(`import type { I${o.kind} as T${i} } from "kubernetes-models/${o.apiVersion}/${o.kind}";`));
    known.forEach((o, i) => {
      starts.push({ line: lines.length, o });
      lines.push(...`export const o${i}: T${i} = ${JSON.stringify(o.doc, null, 2)};`.split("\n"));
    });
    writeFileSync(file, lines.join("\n") + "\n");
    const program = ts.createProgram([file], {
      noEmit: true, strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      if (!d.file || resolve(d.file.fileName) !== resolve(file)) {
        problems.push(`type check: ${message}`);
        continue;
      }
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const owner = starts.filter((s) => s.line <= line).pop();
      problems.push(`${owner ? owner.o.where : file}: ${message} (at: ${lines[line].trim()})`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

for (const p of problems) console.log(p);
console.log(`${objects.length} objects from ${dirs.length} kustomization(s): ${problems.length ? problems.length + " problem(s)" : "valid"}`);
process.exit(problems.length || objects.length === 0 ? 1 : 0);
