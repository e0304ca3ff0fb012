// Draws Keyhold's toolbar icon (a keyhole on a rounded square) into public/icon/<size>.png.
// Run by hand when the design changes: `node scripts/make-icons.mjs`. The PNGs are committed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const BACKGROUND = [30, 64, 175];
const KEYHOLE = [255, 255, 255];
const SIZES = [16, 32, 48, 128];

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

// Coverage of one pixel by the shape, supersampled 4×4 so small sizes stay smooth.
function coverage(x, y, size, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

const inRoundedSquare = (u, v) => {
  const r = 0.2;
  const dx = Math.max(r - u, 0, u - (1 - r));
  const dy = Math.max(r - v, 0, v - (1 - r));
  return dx * dx + dy * dy <= r * r;
};
const inKeyhole = (u, v) => {
  const circle = (u - 0.5) ** 2 + (v - 0.4) ** 2 <= 0.14 ** 2;
  const stem = v >= 0.4 && v <= 0.76 && Math.abs(u - 0.5) <= 0.05 + (v - 0.4) * 0.18;
  return circle || stem;
};

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const square = coverage(x, y, size, inRoundedSquare);
      const hole = coverage(x, y, size, inKeyhole);
      const colour = BACKGROUND.map((c, i) => Math.round(c * (1 - hole) + KEYHOLE[i] * hole));
      row.set([...colour, Math.round(255 * square)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, png(size));
