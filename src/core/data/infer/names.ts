/** Lower-case words of a column name: `cc_num` → [cc, num], `firstName` → [first, name]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

function hasToken(name: string, words: readonly string[]): boolean {
  const tokens = nameTokens(name);
  const joined = tokens.join('');
  return tokens.some((t) => words.includes(t)) || words.includes(joined);
}

const PERSONAL = [
  'first', 'last', 'name', 'firstname', 'lastname', 'surname', 'forename', 'fullname', 'street', 'address',
  'addr', 'email', 'mail', 'phone', 'telephone', 'tel', 'mobile', 'ssn',
];
/** Names of free text or personal data: first, last, name, street, address, email, phone. */
export function looksPersonal(name: string): boolean {
  return hasToken(name, PERSONAL);
}

/** Card or account numbers: cc_num, card, card_number, pan, account, iban. */
export function looksLikeCardNumber(name: string): boolean {
  return hasToken(name, ['cc', 'ccnum', 'card', 'cardnumber', 'pan', 'account', 'acct', 'iban']);
}

export function looksLikeZip(name: string): boolean {
  return hasToken(name, ['zip', 'zipcode', 'postal', 'postcode', 'plz']);
}

/** `ID`, `customer_id`, `userId`, `uuid`, `key`. */
export function looksLikeId(name: string): boolean {
  return hasToken(name, ['id', 'uuid', 'guid', 'key']);
}

const TARGET_WORDS: [RegExp, number][] = [
  [/^(default\w*|fraud\w*|is_?fraud)$/, 3],
  [/^(target|label|class|classification|y|outcome|response|decision|approv\w*|\w*dlq\w*|delinquen\w*)$/, 2],
  [/^(bad|churn\w*|flag|risk|status|result)$/, 1],
];

/** How strongly a name says "this is the target" (0: not at all). */
export function targetNameScore(name: string): number {
  let best = 0;
  for (const t of nameTokens(name)) {
    for (const [re, score] of TARGET_WORDS) if (re.test(t) && score > best) best = score;
  }
  return best;
}

/** Birth dates: dob, birth_date, date_of_birth, birthday, born (never in the future). */
export function looksLikeBirthDate(name: string): boolean {
  const tokens = nameTokens(name);
  const joined = tokens.join('');
  return tokens.some((t) => ['dob', 'birth', 'birthdate', 'birthday', 'born', 'bdate'].includes(t)) || joined.includes('dateofbirth') || joined.includes('birthdate');
}
