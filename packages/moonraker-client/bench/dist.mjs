// The client under measurement: the built dist, or another build named by BENCH_DIST (a folder
// holding index.js), e.g. the previous commit's build for a before/after comparison in one session.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const folder = process.env.BENCH_DIST;
export const distLabel = folder ?? '../dist';
const client = await import(
  folder === undefined ? '../dist/index.js' : pathToFileURL(resolve(folder, 'index.js')).href
);
export const { createMoonrakerClient, createMoonrakerPrinter, DEFAULT_SUBSCRIPTION, VERSION } = client;
