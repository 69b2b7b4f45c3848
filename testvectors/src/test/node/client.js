#!/usr/bin/env node
// A TUF client command line over tuf-js's Updater, shaped like the tuf-conformance client CLI
// (and tuf4j's CLI-CLIENT-CONTRACT.md), so tuf4j's tests can run the real tuf-js client against
// repositories tuf4j publishes and compare verdicts.
//
//   node client.js --metadata-dir MD init TRUSTED_ROOT_FILE
//   node client.js --metadata-dir MD --metadata-url MURL refresh
//   node client.js --metadata-dir MD --metadata-url MURL --target-dir TD --target-base-url TURL \
//       --target-name T1 [--target-name T2 ...] download
//
// Exit code 0 on full success, 1 on any failure (bad arguments included). stdout gets exactly
// one JSON line either way: {"ok":true,...} with the versions of the roles stored in MD (and the
// stored files of downloaded targets), or {"ok":false,"error":TYPE,"message":...}. On failure
// stderr gets one line "TYPE: message". tuf-js picks "now" from the system clock.
'use strict';

const fs = require('fs');
const path = require('path');
const { Updater } = require('tuf-js');
const { Metadata } = require('@tufjs/models');

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { targetNames: [] };
  const positional = [];
  const valued = {
    '--metadata-dir': 'metadataDir',
    '--metadata-url': 'metadataUrl',
    '--target-dir': 'targetDir',
    '--target-base-url': 'targetBaseUrl',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--target-name' || valued[arg]) {
      if (i + 1 >= argv.length) {
        throw new UsageError(`${arg} needs a value`);
      }
      const value = argv[++i];
      if (arg === '--target-name') {
        options.targetNames.push(value);
      } else {
        options[valued[arg]] = value;
      }
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length === 0) {
    throw new UsageError('expected a command: init, refresh or download');
  }
  options.command = positional[0];
  options.args = positional.slice(1);
  return options;
}

function required(options, name, flag) {
  if (!options[name]) {
    throw new UsageError(`${options.command} needs ${flag}`);
  }
  return options[name];
}

function updater(options, withTargets) {
  return new Updater({
    metadataDir: required(options, 'metadataDir', '--metadata-dir'),
    metadataBaseUrl: required(options, 'metadataUrl', '--metadata-url'),
    targetDir: withTargets ? required(options, 'targetDir', '--target-dir') : undefined,
    targetBaseUrl: withTargets ? required(options, 'targetBaseUrl', '--target-base-url') : undefined,
  });
}

// The version of every role file in MD, keyed by the role name tuf-js encoded into the file name.
function storedVersions(metadataDir) {
  const versions = {};
  for (const file of fs.readdirSync(metadataDir).sort()) {
    if (!file.endsWith('.json')) {
      continue;
    }
    const role = decodeURIComponent(file.slice(0, -'.json'.length));
    const doc = JSON.parse(fs.readFileSync(path.join(metadataDir, file), 'utf8'));
    versions[role] = doc.signed.version;
  }
  return versions;
}

async function run(options) {
  switch (options.command) {
    case 'init': {
      if (options.args.length !== 1) {
        throw new UsageError('init needs exactly one TRUSTED_ROOT_FILE');
      }
      const metadataDir = required(options, 'metadataDir', '--metadata-dir');
      const bytes = fs.readFileSync(options.args[0]);
      // Checked before it is stored: a root, signed by a threshold of its own root keys.
      const root = Metadata.fromJSON('root', JSON.parse(bytes.toString('utf8')));
      root.verifyDelegate('root', root);
      fs.mkdirSync(metadataDir, { recursive: true });
      // The trusted root, byte for byte.
      fs.writeFileSync(path.join(metadataDir, 'root.json'), bytes);
      return { trusted: storedVersions(metadataDir) };
    }
    case 'refresh': {
      await updater(options, false).refresh();
      return { trusted: storedVersions(options.metadataDir) };
    }
    case 'download': {
      if (options.targetNames.length === 0) {
        throw new UsageError('download needs at least one --target-name');
      }
      fs.mkdirSync(required(options, 'targetDir', '--target-dir'), { recursive: true });
      const u = updater(options, true);
      await u.refresh();
      const targets = {};
      for (const name of options.targetNames) {
        const info = await u.getTargetInfo(name);
        if (!info) {
          const e = new Error(`no trusted targets metadata lists ${name}`);
          e.name = 'TargetNotFoundError';
          throw e;
        }
        const cached = await u.findCachedTarget(info);
        const file = cached || (await u.downloadTarget(info));
        targets[name] = { file, cached: Boolean(cached) };
      }
      return { trusted: storedVersions(options.metadataDir), targets };
    }
    default:
      throw new UsageError(`unknown command ${options.command}`);
  }
}

function errorType(error) {
  if (error instanceof Error) {
    return error.name !== 'Error' ? error.name : error.constructor.name;
  }
  return typeof error;
}

async function main() {
  try {
    const options = parseArgs(process.argv.slice(2));
    const result = await run(options);
    process.stdout.write(JSON.stringify({ ok: true, command: options.command, ...result }) + '\n');
    process.exitCode = 0;
  } catch (error) {
    const type = error instanceof UsageError ? 'UsageError' : errorType(error);
    const message = String(error && error.message !== undefined ? error.message : error).replace(/\s+/g, ' ');
    process.stdout.write(JSON.stringify({ ok: false, error: type, message }) + '\n');
    process.stderr.write(`${type}: ${message}\n`);
    process.exitCode = 1;
  }
}

main();
