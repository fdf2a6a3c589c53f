/**
 * Make header names usable as column names: every column gets a unique, non-empty name.
 * Names are taken as plain text (trimmed of surrounding spaces), never parsed.
 */
export function fixColumnNames(header: readonly string[]): { names: string[]; notices: string[] } {
  const notices: string[] = [];
  const trimmed = header.map((h) => h.trim());
  const taken = new Set(trimmed.filter((h) => h !== '' && h !== '__proto__'));
  const seen = new Set<string>();
  const names: string[] = [];

  const unused = (base: string, from: number): string => {
    let k = from;
    while (taken.has(`${base}_${k}`) || seen.has(`${base}_${k}`)) k++;
    return `${base}_${k}`;
  };

  trimmed.forEach((raw, i) => {
    let name = raw;
    if (raw === '' || raw === '__proto__') {
      name = taken.has(`column_${i + 1}`) || seen.has(`column_${i + 1}`) ? unused(`column_${i + 1}`, 2) : `column_${i + 1}`;
      notices.push(
        raw === ''
          ? `Column ${i + 1} has no name in the header; it is called "${name}".`
          : `Column ${i + 1} is named "__proto__", which cannot be used as a column name; it is called "${name}".`,
      );
    } else if (seen.has(raw)) {
      name = unused(raw, 2);
      notices.push(`Column ${i + 1} repeats the name "${raw}"; it is renamed "${name}".`);
    }
    seen.add(name);
    names.push(name);
  });
  return { names, notices };
}
