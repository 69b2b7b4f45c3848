#!/usr/bin/env node
// Plays one scenario of tuf4j's vector suite through the real tuf-js client, a step at a time,
// in one Node process (start-up costs more than a step).
//
//   node scenario.js --metadata-dir MD --target-dir TD --metadata-url MURL --target-base-url TURL
//
// Protocol, one JSON object per line: the runner writes a step {"clock": RFC3339, "action":
// "refresh"|"lookup"|"download", "target"?: path, "timeout_ms": fetch timeout}; the driver answers {"outcome": KIND,
// "trusted": {role: version}, "error"?: TYPE, "message"?: text, "sha256"?: hex of the downloaded
// file}. KIND is "success" or an error kind of the suite's vocabulary (see the module README);
// errors it cannot classify keep their tuf-js type name as the kind.
//
// Every step runs a new Updater over the same metadata and target folders (like a new client
// process), with "now" fixed to the step's clock: tuf-js reads the time with `new Date()`, so the
// global Date is replaced by a subclass whose no-argument constructor and Date.now() return it.
'use strict';

const RealDate = Date;
let fixedNow = null;
class StepDate extends RealDate {
  constructor(...args) {
    if (args.length === 0 && fixedNow !== null) {
      super(fixedNow);
    } else {
      super(...args);
    }
  }
  static now() {
    return fixedNow !== null ? fixedNow : RealDate.now();
  }
}
globalThis.Date = StepDate;

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { Updater } = require('tuf-js');

function parseArgs(argv) {
  const names = {
    '--metadata-dir': 'metadataDir',
    '--target-dir': 'targetDir',
    '--metadata-url': 'metadataUrl',
    '--target-base-url': 'targetBaseUrl',
  };
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!names[argv[i]] || i + 1 >= argv.length) {
      throw new Error(`bad argument ${argv[i]}`);
    }
    options[names[argv[i]]] = argv[i + 1];
  }
  for (const required of ['metadataDir', 'targetDir', 'metadataUrl', 'targetBaseUrl']) {
    if (!options[required]) {
      throw new Error(`missing ${required}`);
    }
  }
  return options;
}

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

// tuf-js error classes, and the messages of the errors it wraps in a RuntimeError (which keeps
// the wrapped error's message but not its type), mapped to the suite's error kinds.
const KIND_BY_TYPE = {
  ExpiredMetadataError: 'expired',
  BadVersionError: 'bad-version',
  EqualVersionError: 'bad-version',
  UnsignedMetadataError: 'unsigned',
  LengthOrHashMismatchError: 'length-or-hash-mismatch',
  DownloadLengthMismatchError: 'download-limit',
  DownloadHTTPError: 'http-status',
  TimeoutError: 'slow-retrieval',
  AbortError: 'slow-retrieval',
  TargetNotFoundError: 'not-found',
  ValueError: 'format',
  TypeError: 'format',
  SyntaxError: 'format',
};
const KIND_BY_MESSAGE = [
  [/is expired/, 'expired'],
  [/Max length reached/, 'download-limit'],
  [/TimeoutError|AbortError/, 'slow-retrieval'],
  [/Missing file .* in new snapshot|Missing .* in snapshot/, 'missing-metadata'],
  [/version/i, 'bad-version'],
  [/signed by|threshold|signature/i, 'unsigned'],
  [/length|hash/i, 'length-or-hash-mismatch'],
  [/Expected '\w+', got|Unsupported specification|must be|Duplicate|invalid|expected/i, 'format'],
];

function errorType(error) {
  if (error instanceof Error) {
    return error.name !== 'Error' ? error.name : error.constructor.name;
  }
  return typeof error;
}

function classify(error) {
  const type = errorType(error);
  const message = String(error && error.message !== undefined ? error.message : error);
  if (type === 'RuntimeError' || type === 'RepositoryError') {
    for (const [pattern, kind] of KIND_BY_MESSAGE) {
      if (pattern.test(message)) {
        return kind;
      }
    }
  }
  return KIND_BY_TYPE[type] || type;
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function play(options, step) {
  fixedNow = RealDate.parse(step.clock);
  const result = { outcome: 'success' };
  try {
    // The constructor already verifies the trusted root, so it belongs to the step.
    const updater = new Updater({
      metadataDir: options.metadataDir,
      metadataBaseUrl: options.metadataUrl,
      targetDir: options.targetDir,
      targetBaseUrl: options.targetBaseUrl,
      config: { fetchTimeout: step.timeout_ms, fetchRetry: 0 },
    });
    await updater.refresh();
    if (step.action !== 'refresh') {
      const info = await updater.getTargetInfo(step.target);
      if (!info) {
        const e = new Error(`no trusted targets metadata lists ${step.target}`);
        e.name = 'TargetNotFoundError';
        throw e;
      }
      if (step.action === 'download') {
        const cached = await updater.findCachedTarget(info);
        const file = cached || (await updater.downloadTarget(info));
        result.sha256 = sha256(file);
      }
    }
  } catch (error) {
    result.outcome = classify(error);
    result.error = errorType(error);
    result.message = String(error && error.message !== undefined ? error.message : error).replace(/\s+/g, ' ');
  } finally {
    fixedNow = null;
  }
  result.trusted = storedVersions(options.metadataDir);
  return result;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.targetDir, { recursive: true });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    const result = await play(options, JSON.parse(line));
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}

main().catch((error) => {
  process.stderr.write(`driver failed: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
