import { encode } from 'uqr';

/** `text` as a QR code in inline SVG: one path of dark modules, drawn on white so any theme scans. */
export function QrCode({ text, label }: { text: string; label: string }) {
  // M: an otpauth URI fits in a small version, and a smudged screen still scans.
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const modules = data.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join('');
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={size * 4} height={size * 4} shape-rendering="crispEdges" data-testid="mfa-qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={modules} fill="#000" />
    </svg>
  );
}
