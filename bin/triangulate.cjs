#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx's CommonJS loader.
require('tsx/cjs');
require('../src/main/cli/index.ts').main();
