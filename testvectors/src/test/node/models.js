#!/usr/bin/env node
// Metadata and canonical JSON through @tufjs/models (tuf-js's metadata library), for tuf4j's
// cross-signing tests. Reads one JSON request from stdin and writes one JSON line to stdout.
//
//   {"op":"canonicalize","documents":[JSON_TEXT,...]}
//       -> {"ok":true,"results":[{"ok":true,"base64":CANONICAL_UTF8} | {"ok":false,...},...]}
//       Each document is parsed with JSON.parse and encoded with @tufjs/canonical-json.
//   {"op":"sign","expires":ISO,"keys":{NAME:{"scheme":S,"pkcs8":PEM,"pssSalt":"digest"|"max",
//    "hash":ECDSA_HASH_OVERRIDE}},
//    "targets":{PATH:CONTENT_BASE64},"delegation":{"name":N,"paths":[...],"key":NAME,
//    "targets":{PATH:CONTENT_BASE64}},"custom":JSON}
//       -> {"ok":true,"keys":{NAME:{"keyid":ID,"keytype":T,"scheme":S,"public":PUB}},
//           "metadata":{ROLE:JSON_TEXT},"signedCanonical":{ROLE:BASE64}}
//       Builds a small repository with the @tufjs/models classes (keys "root", "timestamp",
//       "snapshot", "targets" sign those roles; the delegation's key signs the delegated role),
//       signs every role with node's crypto, and returns the files as JSON.stringify writes them.
//   {"op":"verify","checks":[{"delegatorType":T,"delegator":JSON_TEXT,"role":R,
//    "delegateType":T,"delegate":JSON_TEXT},...]}
//       -> {"ok":true,"results":[{"ok":true} | {"ok":false,"error":TYPE,"message":M},...]}
//       Metadata.fromJSON for both, then delegator.verifyDelegate(role, delegate).
//
// Exit code 0 when the request was carried out (a check may still say "ok":false), 1 otherwise.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const { canonicalize } = require('@tufjs/canonical-json');
const {
  Metadata,
  Root,
  Timestamp,
  Snapshot,
  Targets,
  Key,
  MetaFile,
  TargetFile,
  Signature,
} = require('@tufjs/models');
// Delegations and DelegatedRole are not exported from the package's index.
const { Delegations } = require('@tufjs/models/dist/delegations');
const { DelegatedRole } = require('@tufjs/models/dist/role');

function readStdin() {
  return fs.readFileSync(0, 'utf8');
}

function failure(error) {
  const type = error instanceof Error ? (error.name !== 'Error' ? error.name : error.constructor.name) : typeof error;
  return { ok: false, error: type, message: String(error && error.message !== undefined ? error.message : error) };
}

function canonicalizeAll(request) {
  return {
    results: request.documents.map((text) => {
      try {
        return { ok: true, base64: Buffer.from(canonicalize(JSON.parse(text)), 'utf8').toString('base64') };
      } catch (error) {
        return failure(error);
      }
    }),
  };
}

const KEYTYPES = {
  ed25519: 'ed25519',
  'ecdsa-sha2-nistp256': 'ecdsa',
  'ecdsa-sha2-nistp384': 'ecdsa',
  'rsassa-pss-sha256': 'rsa',
};

// A signing key from PKCS#8 PEM: its TUF key object (public value written the way
// securesystemslib writes it: raw hex for Ed25519, SubjectPublicKeyInfo PEM otherwise), its keyid
// (hex SHA-256 of the key object's canonical JSON) and a signer for Metadata.sign.
function signingKey(spec) {
  const keytype = KEYTYPES[spec.scheme];
  if (!keytype) {
    throw new Error(`unknown scheme ${spec.scheme}`);
  }
  const privateKey = crypto.createPrivateKey(spec.pkcs8);
  const publicKey = crypto.createPublicKey(privateKey);
  const publicValue =
    keytype === 'ed25519'
      ? publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex')
      : publicKey.export({ type: 'spki', format: 'pem' });
  const keyObject = { keytype, scheme: spec.scheme, keyval: { public: publicValue } };
  const keyid = crypto.createHash('sha256').update(canonicalize(keyObject), 'utf8').digest('hex');
  const sign = (bytes) => {
    let sig;
    if (keytype === 'ed25519') {
      sig = crypto.sign(null, bytes, privateKey);
    } else if (keytype === 'ecdsa') {
      // DER-encoded (r, s), as securesystemslib signs; the scheme names the hash unless the
      // request overrides it ("hash") to produce what a non-conforming signer would.
      const hash = spec.hash || (spec.scheme.endsWith('384') ? 'sha384' : 'sha256');
      sig = crypto.sign(hash, bytes, privateKey);
    } else {
      const saltLength =
        spec.pssSalt === 'max' ? crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN : crypto.constants.RSA_PSS_SALTLEN_DIGEST;
      sig = crypto.sign('sha256', bytes, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength });
    }
    return new Signature({ keyID: keyid, sig: sig.toString('hex') });
  };
  return {
    key: new Key({ keyID: keyid, keyType: keytype, scheme: spec.scheme, keyVal: { public: publicValue } }),
    sign,
  };
}

function targetFiles(contents) {
  const files = {};
  for (const [targetPath, base64] of Object.entries(contents || {})) {
    const bytes = Buffer.from(base64, 'base64');
    files[targetPath] = new TargetFile({
      path: targetPath,
      length: bytes.length,
      hashes: { sha256: crypto.createHash('sha256').update(bytes).digest('hex') },
    });
  }
  return files;
}

function metaFile(version, text) {
  const bytes = Buffer.from(text, 'utf8');
  return new MetaFile({
    version,
    length: bytes.length,
    hashes: { sha256: crypto.createHash('sha256').update(bytes).digest('hex') },
  });
}

function signAll(request) {
  const keys = {};
  for (const [name, spec] of Object.entries(request.keys)) {
    keys[name] = signingKey(spec);
  }
  const expires = request.expires;
  const metadata = {};
  const signedCanonical = {};
  const finish = (role, md, signers) => {
    for (const signer of signers) {
      md.sign(signer.sign);
    }
    metadata[role] = JSON.stringify(md.toJSON(), null, 1);
    signedCanonical[role] = Buffer.from(canonicalize(md.signed.toJSON()), 'utf8').toString('base64');
  };

  const root = new Root({ version: 1, expires, consistentSnapshot: true });
  for (const role of ['root', 'timestamp', 'snapshot', 'targets']) {
    root.addKey(keys[role].key, role);
  }
  finish('root', new Metadata(root), [keys.root]);

  const delegation = request.delegation;
  let delegations;
  if (delegation) {
    const key = keys[delegation.key];
    delegations = new Delegations({
      keys: { [key.key.keyID]: key.key },
      roles: {
        [delegation.name]: new DelegatedRole({
          name: delegation.name,
          keyIDs: [key.key.keyID],
          threshold: 1,
          terminating: false,
          paths: delegation.paths,
        }),
      },
    });
    const delegated = new Targets({ version: 1, expires, targets: targetFiles(delegation.targets) });
    finish(delegation.name, new Metadata(delegated), [key]);
  }
  const targets = new Targets({
    version: 1,
    expires,
    targets: targetFiles(request.targets),
    delegations,
    unrecognizedFields: request.custom === undefined ? {} : { custom: request.custom },
  });
  finish('targets', new Metadata(targets), [keys.targets]);

  const snapshotMeta = { 'targets.json': metaFile(1, metadata.targets) };
  if (delegation) {
    snapshotMeta[`${delegation.name}.json`] = metaFile(1, metadata[delegation.name]);
  }
  finish('snapshot', new Metadata(new Snapshot({ version: 1, expires, meta: snapshotMeta })), [keys.snapshot]);
  finish(
    'timestamp',
    new Metadata(new Timestamp({ version: 1, expires, snapshotMeta: metaFile(1, metadata.snapshot) })),
    [keys.timestamp]
  );

  const keyObjects = {};
  for (const [name, k] of Object.entries(keys)) {
    keyObjects[name] = { keyid: k.key.keyID, keytype: k.key.keyType, scheme: k.key.scheme, public: k.key.keyVal.public };
  }
  return { keys: keyObjects, metadata, signedCanonical };
}

function verifyAll(request) {
  return {
    results: request.checks.map((check) => {
      try {
        const delegator = Metadata.fromJSON(check.delegatorType, JSON.parse(check.delegator));
        const delegate = Metadata.fromJSON(check.delegateType, JSON.parse(check.delegate));
        delegator.verifyDelegate(check.role, delegate);
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    }),
  };
}

function main() {
  try {
    const request = JSON.parse(readStdin());
    const ops = { canonicalize: canonicalizeAll, sign: signAll, verify: verifyAll };
    const op = ops[request.op];
    if (!op) {
      throw new Error(`unknown op ${request.op}`);
    }
    process.stdout.write(JSON.stringify({ ok: true, ...op(request) }) + '\n');
    process.exitCode = 0;
  } catch (error) {
    const f = failure(error);
    process.stdout.write(JSON.stringify(f) + '\n');
    process.stderr.write(`${f.error}: ${f.message.replace(/\s+/g, ' ')}\n`);
    process.exitCode = 1;
  }
}

main();
