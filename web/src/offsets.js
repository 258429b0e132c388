// The API gives spans as UTF-8 byte offsets into the document's text;
// JavaScript strings index UTF-16 code units. An Arabic letter is 2 bytes
// and 1 unit, a euro sign 3 bytes and 1 unit, an emoji 4 bytes and 2 units.

// byteIndex maps UTF-8 byte offsets of text to string indexes.
export function byteIndex(text) {
  const starts = []; // starts[i] = byte offset of the code point at unit i
  const units = [];
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    starts.push(bytes);
    units.push(i);
    bytes += n;
    i += cp > 0xffff ? 2 : 1;
  }
  starts.push(bytes);
  units.push(text.length);
  return {
    length: bytes,
    // at returns the string index of byte offset b; an offset inside a
    // character (never valid in the API) is rounded down to its start.
    at(b) {
      if (b <= 0) return 0;
      if (b >= bytes) return text.length;
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= b) lo = mid; else hi = mid - 1;
      }
      return units[lo];
    },
  };
}

// sliceBytes returns the part of text between byte offsets start and end.
export function sliceBytes(text, start, end, index = byteIndex(text)) {
  return text.slice(index.at(start), index.at(end));
}

// segments cuts text into the smallest pieces over which the set of
// covering spans does not change. spans are {start, end, ...} in byte
// offsets; each piece is {start, end (string indexes), text, spans}.
export function segments(text, spans) {
  const index = byteIndex(text);
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0)
    .map((s) => ({ ...s, from: index.at(s.start), to: index.at(s.end) }))
    .filter((s) => s.from < s.to);
  const cuts = new Set([0, text.length]);
  for (const s of valid) { cuts.add(s.from); cuts.add(s.to); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    out.push({ start: a, end: b, text: text.slice(a, b), spans: valid.filter((s) => s.from <= a && s.to >= b) });
  }
  return out;
}
