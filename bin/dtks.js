#!/usr/bin/env node
// The `dtks` command. Runs the TypeScript sources directly (Node 24 strips types natively).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `dtks needs Node.js 24 (found ${process.versions.node}). Run it through npm (\`npx dtks\`, \`npm start\`), ` +
      'which uses the Node 24 pinned in devDependencies, or install Node 24 (see .nvmrc).',
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
