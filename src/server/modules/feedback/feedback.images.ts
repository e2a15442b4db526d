import type SharpModule from 'sharp';

// sharp (libvips) takes about half a second to load: only a submission with images needs it.
let loaded: Promise<typeof SharpModule> | undefined;
const loadSharp = () => (loaded ??= import('sharp').then((m) => m.default));
import { ATTACHMENT_MAX_BYTES } from './feedback.constants.ts';
import type { UploadedFile } from './index.ts';
import type { Problem } from './feedback.validation.ts';

// Images are decoded and encoded again, never stored as uploaded: the new file carries no EXIF, XMP or IPTC
// (GPS position, camera serial, time), whatever the original held, and a file that only claims to be an image
// is refused. The real type is read from the bytes; the client's claim is ignored.

export interface CleanImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Buffer;
  width: number;
  height: number;
}

const FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
type Format = keyof typeof FORMATS;
// Bounds the memory one upload can take when decoded (a 5 MB PNG can expand to gigabytes).
const MAX_INPUT_PIXELS = 40_000_000;
// Larger images are scaled down: nobody needs more than this to see what the writer meant.
const MAX_EDGE = 2560;

function isFormat(format: string | undefined): format is Format {
  return format !== undefined && format in FORMATS;
}

async function reencode(data: Buffer, format: Format): Promise<CleanImage> {
  // rotate() applies the EXIF orientation before the metadata goes, so the picture stays the right way up.
  const sharp = await loadSharp();
  const pipeline = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true });
  const encoded =
    format === 'jpeg'
      ? pipeline.jpeg({ quality: 85, mozjpeg: true })
      : format === 'png'
        ? pipeline.png({ compressionLevel: 8 })
        : pipeline.webp({ quality: 85 });
  const { data: out, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { mime: FORMATS[format], data: out, width: info.width, height: info.height };
}

/** The cleaned images, or the problems with them (field `attachments.N`, N counting from 1). */
export async function cleanImages(
  files: UploadedFile[],
): Promise<{ images: CleanImage[]; problems: Problem[] }> {
  const images: CleanImage[] = [];
  const problems: Problem[] = [];
  for (const [index, file] of files.entries()) {
    const field = `attachments.${index + 1}`;
    const name = file.filename.slice(0, 100);
    if (file.tooLarge || file.data.length > ATTACHMENT_MAX_BYTES) {
      problems.push({ field, code: 'file_too_large', params: { name, mb: ATTACHMENT_MAX_BYTES / 1048576 } });
      continue;
    }
    let format: string | undefined;
    try {
      format = (await (await loadSharp())(file.data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata())
        .format;
    } catch {
      format = undefined;
    }
    if (!isFormat(format)) {
      problems.push({ field, code: 'file_type', params: { name } });
      continue;
    }
    try {
      images.push(await reencode(file.data, format));
    } catch {
      problems.push({ field, code: 'file_unreadable', params: { name } });
    }
  }
  return { images, problems };
}
