// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import { QrCode } from './qr-code';

afterEach(cleanup);

/** The SVG's dark modules painted into RGBA pixels, `scale` pixels a module, as a camera would see them. */
function pixelsOf(svg: Element, scale = 4) {
  const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  const paint = (x: number, y: number) => data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  for (const [, x, y] of svg.querySelector('path')!.getAttribute('d')!.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) paint(Number(x) * scale + dx, Number(y) * scale + dy);
  }
  return { data, width };
}

describe('the QR code', () => {
  it('scans back to the otpauth URI it was given', () => {
    const uri = 'otpauth://totp/Keyhold:alice%40acme.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Keyhold&algorithm=SHA1&digits=6&period=30';
    render(<QrCode text={uri} label="QR code" />);
    const { data, width } = pixelsOf(screen.getByRole('img', { name: 'QR code' }));
    expect(jsQR(data, width, width)?.data).toBe(uri);
  });
});
