/**
 * Binary input is refused before any model call: `/bin/ls` as input became 514 segments and 720
 * paid calls. Known magic numbers, NUL bytes, or a share of control characters no text has.
 */
const MAGIC: Array<[string, number[]]> = [
  ["an ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a ZIP archive (or docx/xlsx/epub)", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a Mach-O executable", [0xcf, 0xfa, 0xed, 0xfe]],
  ["a Windows executable", [0x4d, 0x5a]],
  ["a 7-Zip archive", [0x37, 0x7a, 0xbc, 0xaf]],
  ["a bzip2 archive", [0x42, 0x5a, 0x68]],
  ["an xz archive", [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ["an OLE document (doc/xls)", [0xd0, 0xcf, 0x11, 0xe0]],
  ["a SQLite database", [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
  ["a WebAssembly module", [0x00, 0x61, 0x73, 0x6d]],
];

/** Bytes of the head inspected: enough for any magic number and a fair share of control characters. */
const SAMPLE = 8192;
/** Text has tabs and line ends, not other C0 controls; more than this share of them is not text. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Why `bytes` are not text ("an ELF executable", "NUL bytes at offset 17", …), or undefined for
 * text. UTF-16 with a BOM is text (its NULs are half its ASCII letters).
 */
export function binaryReason(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  for (const [name, magic] of MAGIC) if (magic.every((byte, index) => bytes[index] === byte)) return name;
  const sample = bytes.subarray(0, SAMPLE);
  const nul = sample.indexOf(0);
  if (nul !== -1) return `NUL bytes (the first at offset ${nul})`;
  let controls = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE) return `${controls} control characters in the first ${sample.length} bytes`;
  return undefined;
}
