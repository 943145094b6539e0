#!/usr/bin/env node
// Empties the current package's dist/ before a build, so files of deleted or renamed sources (and
// outputs a compiler setting no longer emits) are never published.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
