#!/usr/bin/env node
// The tuf-js side of tuf4j's pep458 macro benchmark. One "run" is what an installer does: a
// tuf-js Updater over a metadata folder refreshes (root chain, timestamp, snapshot, targets),
// looks one target up (which loads its bin) and downloads it unless a valid copy is cached.
// The folder decides cold (only root.json in it) or warm (a previous run's files in it).
//
//   node driver.js once '{"metadataDir":..,"metadataUrl":..,"targetDir":..,"targetUrl":..,"target":..}'
//       one run, then exit (the whole-process measurement)
//   node driver.js serve
//       one run per JSON line on stdin (same fields), one result line on stdout each, until
//       stdin ends (the in-process measurement: Node and tuf-js stay loaded and warmed up)
//
// A result line is {"ok":true,"ms":N,"cached":B} (ms: the run, timed inside Node) or
// {"ok":false,"error":TYPE,"message":..}. Exit code 0 unless a run failed.
'use strict';

const fs = require('fs');
const readline = require('readline');
const { performance } = require('perf_hooks');
const { Updater } = require('tuf-js');

async function runOnce(request) {
  const start = performance.now();
  fs.mkdirSync(request.targetDir, { recursive: true });
  const updater = new Updater({
    metadataDir: request.metadataDir,
    metadataBaseUrl: request.metadataUrl,
    targetDir: request.targetDir,
    targetBaseUrl: request.targetUrl,
  });
  await updater.refresh();
  const info = await updater.getTargetInfo(request.target);
  if (!info) {
    throw new Error(`no trusted targets metadata lists ${request.target}`);
  }
  // Node's crypto has no BLAKE2b-256 (tuf-js fails with "Hash algorithm blake2b-256 not
  // supported"), and PyPI lists one for every file: tuf-js checks the length and sha256 only.
  if (info.hashes && info.hashes['blake2b-256'] && Object.keys(info.hashes).length > 1) {
    delete info.hashes['blake2b-256'];
  }
  const cached = await updater.findCachedTarget(info);
  if (!cached) {
    await updater.downloadTarget(info);
  }
  return { ok: true, ms: performance.now() - start, cached: Boolean(cached) };
}

async function answer(request) {
  try {
    return await runOnce(request);
  } catch (error) {
    const type = error && error.name ? error.name : typeof error;
    const message = String(error && error.message !== undefined ? error.message : error).replace(/\s+/g, ' ');
    return { ok: false, error: type, message };
  }
}

async function main() {
  const mode = process.argv[2];
  if (mode === 'once') {
    const result = await answer(JSON.parse(process.argv[3]));
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exitCode = result.ok ? 0 : 1;
  } else if (mode === 'serve') {
    let failed = false;
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') {
        continue;
      }
      const result = await answer(JSON.parse(line));
      failed = failed || !result.ok;
      process.stdout.write(JSON.stringify(result) + '\n');
    }
    process.exitCode = failed ? 1 : 0;
  } else {
    process.stderr.write('usage: node driver.js once JSON | serve\n');
    process.exitCode = 1;
  }
}

main();
