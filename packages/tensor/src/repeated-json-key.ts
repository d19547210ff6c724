/**
 * The first key that some object of the JSON `text` holds twice, or null. `JSON.parse` keeps
 * the last of two equal keys without a word, so a loaded file could show one value to mlpkit and
 * another to a reader that keeps the first: loaders refuse such text. Keys are compared as
 * JSON.parse reads them (`"a"` and `"\u0061"` are the same key). Call it on text that parsed.
 *
 * @example
 * repeatedJsonKey('{"lr": 0.1, "lr": 10}'); // 'lr'
 */
export function repeatedJsonKey(text: string): string | null {
  // One entry per open object (its keys so far) or array (null).
  const open: (Set<string> | null)[] = [];
  let atKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: skip it whole, escapes included
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      if (atKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return key;
        keys.add(key);
        atKey = false;
      }
      i = end;
    } else if (c === 0x7b) { // {
      open.push(new Set());
      atKey = true;
    } else if (c === 0x5b) open.push(null); // [
    else if (c === 0x7d || c === 0x5d) open.pop(); // } ]
    else if (c === 0x2c) atKey = open[open.length - 1] !== null; // , inside an object: a key follows
  }
  return null;
}
