#!/usr/bin/env node
// Verifies a Keyhold audit log export (JSON or CSV) with the audit signing key's public key alone.
// Plain Node (18+), no dependencies and nothing from Keyhold's code, so anyone can read all of it
// and run it anywhere. Formats: docs/audit.md ("The chain", "Signed heads", "Viewer and exports").
//
//   node verify-audit-export.mjs <export.json|export.csv> --public-key <audit-public.pem> [--public-key <older.pem>] [--complete]
//
// A JSON export says whether a filter left rows out; a CSV cannot, so `--complete` says the CSV was
// exported without actor, type or vault filters and any missing row is then a failure.
//
// Exit status: 0 every row links to the one before it and at least one signed head vouches for
// them; 1 a row, link or signature does not verify (the first bad one is named); 2 nothing is
// wrong but nothing proves it either (no signed head in the file, or a filtered export whose rows
// are not one unbroken stretch); 64 bad usage.

import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const GENESIS = '0'.repeat(64);
const COLUMNS = ['seq', 'occurred_at', 'type', 'actor_type', 'actor_id', 'target_type', 'target_id', 'vault_id', 'ip', 'browser_mode', 'details', 'hash'];
const NUMBERS = new Set(['seq', 'occurred_at', 'browser_mode']);

class Failure extends Error {}

function usage(message) {
  console.error(`${message}\nusage: node verify-audit-export.mjs <export.json|export.csv> --public-key <audit-public.pem> [--public-key <more.pem>] [--complete]`);
  process.exit(64);
}

function parseArguments(argv) {
  const files = [];
  const keys = [];
  let complete = false;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--public-key') keys.push(argv[++i] ?? usage('--public-key needs a file'));
    else if (argv[i] === '--complete') complete = true;
    else files.push(argv[i]);
  }
  if (files.length !== 1) usage('name one export file');
  if (keys.length === 0) usage('give the audit signing key with --public-key');
  return { file: files[0], keys, complete };
}

/** The audit public keys by key id: the first 16 hex digits of SHA-256 of the key's SPKI DER. */
function loadKeys(paths) {
  const keys = new Map();
  for (const path of paths) {
    const key = createPublicKey(readFileSync(path));
    const id = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
    keys.set(id, key);
  }
  return keys;
}

/** RFC 4180 records; a quoted empty cell is "", an unquoted empty one null (how Keyhold writes them apart). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Failure('the CSV ends inside a quoted cell');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else value += text[i++];
      }
      i += 1;
    } else {
      const end = text.slice(i).search(/[,\r\n]/);
      value = end === -1 ? text.slice(i) : text.slice(i, i + end);
      i += value.length;
      if (value === '') value = null;
    }
    record.push(value);
    if (text[i] === ',') i += 1;
    else {
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      records.push(record);
      record = [];
    }
  }
  return records;
}

/** The rows, the link before the first, and the signed heads, from either format. */
function readExport(path) {
  const text = readFileSync(path, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const file = JSON.parse(text);
    if (file.format !== 'keyhold-audit-export-v1') throw new Failure(`not a Keyhold audit export (format ${JSON.stringify(file.format)})`);
    return { rows: file.rows, prevHash: file.prevHash, heads: file.heads, complete: file.complete };
  }
  const [header, ...records] = parseCsv(text);
  if (!header || COLUMNS.some((column, index) => header[index] !== column)) throw new Failure(`the CSV header is not ${COLUMNS.join(',')},…`);
  const rows = records.map((cells) => Object.fromEntries(header.map((column, index) => [column, NUMBERS.has(column) || column === 'head_signed_at' ? (cells[index] === null || cells[index] === undefined ? null : Number(cells[index])) : cells[index]])));
  const heads = rows.filter((row) => row.head_signature).map((row) => ({ seq: row.seq, hash: row.hash, signedAt: row.head_signed_at, keyId: row.head_key_id, signature: row.head_signature }));
  return { rows, prevHash: rows[0]?.prev_hash ?? null, heads, complete: undefined };
}

/** Version 1 of an event's canonical form. */
const canonical = (row) => JSON.stringify([1, row.seq, row.occurred_at, row.type, row.actor_type, row.actor_id, row.target_type, row.target_id, row.vault_id, row.ip, row.browser_mode, row.details]);

const chainHash = (previous, row) => createHash('sha256').update(Buffer.from(previous, 'hex')).update(canonical(row), 'utf8').digest('hex');

/** Checks every row's hash and link; returns how many rows follow a gap (rows a filter left out, which a complete export has none of). */
function checkChain(rows, prevHash, complete) {
  let gaps = 0;
  rows.forEach((row, index) => {
    const before = rows[index - 1];
    let previous;
    if (row.seq === 1) previous = GENESIS;
    else if (before && before.seq === row.seq - 1) previous = before.hash;
    else if (index === 0 && prevHash) previous = prevHash;
    else {
      if (complete) throw new Failure(`seq ${row.seq}: event ${row.seq - 1} is missing from a complete export (deleted)`);
      if (!row.prev_hash) throw new Failure(`seq ${row.seq}: the link to event ${row.seq - 1} is not in the file`);
      previous = row.prev_hash;
      gaps += 1;
    }
    if (before && row.seq <= before.seq) throw new Failure(`seq ${row.seq}: out of order after seq ${before.seq}`);
    if (typeof row.prev_hash === 'string' && row.prev_hash !== previous) throw new Failure(`seq ${row.seq}: prev_hash is not the hash of event ${row.seq - 1}`);
    if (chainHash(previous, row) !== row.hash) throw new Failure(`seq ${row.seq}: the row does not hash to its stored hash (edited, or a row before it removed)`);
  });
  return gaps;
}

/** Checks each signed head against its row and the public keys; returns the highest seq a head vouches for. */
function checkHeads(rows, heads, keys, filtered) {
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  let vouched = 0;
  for (const head of heads) {
    const key = keys.get(head.keyId);
    if (!key) throw new Failure(`the head at seq ${head.seq} is signed by key ${head.keyId}, which is none of the keys given`);
    const message = Buffer.from(`keyhold-audit-head-v1\n${head.seq}\n${head.hash}\n${head.signedAt}`, 'utf8');
    const signature = Buffer.from(head.signature, 'base64');
    // Only 64 bytes of canonical base64 are an Ed25519 signature, whatever verify() makes of the rest.
    if (signature.length !== 64 || signature.toString('base64') !== head.signature || !verify(null, message, key, signature)) throw new Failure(`the signature of the head at seq ${head.seq} does not verify`);
    const row = bySeq.get(head.seq);
    // A filter may have left the head's own row out; then the head vouches for nothing here.
    if (!row && filtered) continue;
    if (!row) throw new Failure(`the head at seq ${head.seq} names a row that is not in the file`);
    if (row.hash !== head.hash) throw new Failure(`seq ${head.seq}: the row's hash is not the one the signed head names`);
    vouched = Math.max(vouched, head.seq);
  }
  return vouched;
}

function main() {
  const { file, keys, complete: completeCsv } = parseArguments(process.argv.slice(2));
  try {
    const { rows, prevHash, heads, complete } = readExport(file);
    const gaps = checkChain(rows, prevHash, complete ?? completeCsv);
    const vouched = checkHeads(rows, heads, loadKeys(keys), complete === false || (complete === undefined && !completeCsv));
    const first = rows[0]?.seq;
    const last = rows.at(-1)?.seq;
    console.log(`${rows.length} rows (seq ${first ?? '-'} to ${last ?? '-'}): every hash and link verifies; ${heads.length} signed head(s) verify.`);
    if (gaps > 0 || complete === false) {
      console.log(`${gaps} row(s) follow events that are not in the file (a filtered export, or rows deleted), so the rows are not one unbroken stretch a head can vouch for. Export without actor, type or vault filters to prove the whole range (and pass --complete for a CSV).`);
      process.exit(2);
    }
    if (vouched === 0) {
      console.log('No signed head in this range: the rows agree with each other, but nothing signed proves they are what the server recorded.');
      process.exit(2);
    }
    if (vouched < last) console.log(`Rows after seq ${vouched} link to the signed head but are not signed yet themselves; a cut-off tail there would not show.`);
    console.log(`Verified: rows up to seq ${vouched} are exactly the chain the audit key signed.`);
  } catch (error) {
    console.log(`NOT VERIFIED: ${error instanceof Failure ? error.message : error}`);
    process.exit(1);
  }
}

main();
