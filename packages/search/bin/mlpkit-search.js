#!/usr/bin/env node
// The `mlpkit-search` bin (src/node/cli.ts, built into dist). This file is committed so that
// installing the workspace can link the bin before anything is built.
import '../dist/node/cli.js';
