// Reading an authenticator QR code from an image file, in the page: the picture is drawn to a
// canvas and jsQR finds the code in its pixels. jsQR loads with import() on first use.

/** The text of the first QR code in `image`, or null when it holds none the decoder can read. */
export async function readQrImage(image: Blob): Promise<string | null> {
  const [{ default: jsQR }, bitmap] = await Promise.all([import('jsqr'), createImageBitmap(image)]);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
}
