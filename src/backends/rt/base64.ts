/**
 * RT's REST2 carries files inside JSON as base64 (`Attachments[].FileContent` going in,
 * `attachment/:id`'s `Content` coming out). btoa/atob only take Latin-1 strings, so bytes
 * go through them one char code each, in slices that keep `String.fromCharCode` within its
 * argument limit.
 */

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of a base64 text (RT wraps it in lines of 76 characters); undefined when it is not base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Text RT sent as UTF-8 bytes (REST2 encodes wide characters so); Latin-1 when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}
