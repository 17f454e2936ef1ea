/** How deep free-form JSON may nest anywhere the hub or the bridge parses it. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests deeper than `max` arrays and objects, read before parsing: a parser
 * and the validators after it recurse once per level, so thousands of levels in a 1 MiB body
 * cost a stack (or a worker) each. Strings are skipped, escapes included; the text need not be
 * valid JSON (the parser refuses that next).
 */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (isInString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) isInString = false;
    } else if (char === 0x22) {
      isInString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
