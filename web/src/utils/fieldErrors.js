/**
 * The server's validation messages name the field in quotes ("'dateOfBirth': members must be 18
 * to 100 years old"). This turns them into the words people use, attached to the field they
 * are about, so the form can show them beside it.
 */
export function ageOn(dateOfBirth, today = new Date()) {
  const born = new Date(`${dateOfBirth}T00:00:00`);
  if (Number.isNaN(born.getTime())) return null;
  let age = today.getFullYear() - born.getFullYear();
  const beforeBirthday =
    today.getMonth() < born.getMonth() || (today.getMonth() === born.getMonth() && today.getDate() < born.getDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Plain words for a date of birth that cannot be used, or null when it is fine. */
export function dateOfBirthProblem(dateOfBirth) {
  if (!dateOfBirth) return 'Enter your date of birth.';
  const age = ageOn(dateOfBirth);
  if (age == null) return 'Enter your date of birth.';
  if (age < 18) return 'You must be at least 18 to join Pulse.';
  if (age > 100) return 'Check the year: that makes you over 100.';
  return null;
}

const WORDS = {
  username: 'Use 3–32 characters: lowercase letters, digits, _ and .',
  password: 'Use at least 8 characters (at most 128).',
  displayName: 'Enter your name (at most 80 characters).',
  gender: 'Choose a gender.',
  heightCm: 'Enter your height in cm, from 100 to 250.',
};

/** `{field, words}` for an ApiError from register or profile edit; field is null when unknown. */
export function fieldError(err, values = {}) {
  if (err?.code === 'conflict') return { field: 'username', words: 'That username is taken; please choose another.' };
  const match = /^'(\w+)'/.exec(err?.message ?? '');
  const field = match?.[1] ?? null;
  if (field === 'dateOfBirth') {
    return { field, words: dateOfBirthProblem(values.dateOfBirth) ?? 'Enter your date of birth.' };
  }
  if (field && WORDS[field]) return { field, words: WORDS[field] };
  if (field) {
    const rest = err.message.replace(/^'\w+'\s*:?\s*/, '');
    return { field, words: `${rest.charAt(0).toUpperCase()}${rest.slice(1)}.`.replace(/\.\.$/, '.') };
  }
  return { field: null, words: err?.message ?? 'Something went wrong.' };
}
