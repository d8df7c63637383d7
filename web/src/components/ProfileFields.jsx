import Field from './Field.jsx';

export const RELIGIONS = ['Hindu', 'Muslim', 'Christian', 'Sikh', 'Jain', 'Buddhist', 'Parsi', 'Jewish', 'No religion', 'Other'];

/** The religion picker; `none` names the empty choice. A value saved elsewhere (the API takes any text) stays selectable. */
export function ReligionField({ none, value, ...props }) {
  return (
    <Field label="Religion" as="select" value={value} {...props}>
      <option value="">{none}</option>
      {value && !RELIGIONS.includes(value) && <option value={value}>{value}</option>}
      {RELIGIONS.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </Field>
  );
}

/** The latest date of birth allowed: people on Pulse are 18 or older. */
export function latestBirthDate(today = new Date()) {
  const d = new Date(today.getFullYear() - 18, today.getMonth(), today.getDate());
  return d.toISOString().slice(0, 10);
}

/**
 * The profile's fields, shared by registration and editing. `values` holds strings; the
 * caller turns them into the request body (see toProfileBody).
 */
export default function ProfileFields({ values, onChange, extended = true, errors = {} }) {
  const bind = (name) => ({
    name,
    value: values[name] ?? '',
    onChange: (e) => onChange(name, e.target.value),
    error: errors[name],
  });
  return (
    <>
      <div className="form-grid">
        <Field label="Full name" required maxLength={80} autoComplete="name" {...bind('displayName')} />
        <Field label="Gender" as="select" required {...bind('gender')}>
          <option value="">Choose…</option>
          <option value="female">Female</option>
          <option value="male">Male</option>
          <option value="other">Other</option>
        </Field>
        <Field
          label="Date of birth"
          type="date"
          required
          autoComplete="bday"
          {...bind('dateOfBirth')}
        />
        <Field label="City" required maxLength={80} autoComplete="address-level2" {...bind('city')} />
        <ReligionField none="Prefer not to say" {...bind('religion')} />
        <Field label="Mother tongue" maxLength={40} {...bind('motherTongue')} />
      </div>
      {extended && (
        <div className="form-grid">
          <Field label="Country" maxLength={80} autoComplete="country-name" {...bind('country')} />
          <Field label="Height (cm)" type="number" min={100} max={250} inputMode="numeric" {...bind('heightCm')} />
          <Field label="Education" maxLength={120} {...bind('education')} />
          <Field label="Occupation" maxLength={120} autoComplete="organization-title" {...bind('occupation')} />
          <Field
            label="About you"
            as="textarea"
            rows={4}
            maxLength={2000}
            className="field--wide"
            placeholder="What you enjoy, what you are looking for…"
            {...bind('about')}
          />
        </div>
      )}
    </>
  );
}

const TEXT_FIELDS = [
  'displayName', 'gender', 'dateOfBirth', 'city', 'country', 'religion',
  'motherTongue', 'education', 'occupation', 'about',
];

/** Form strings to the API's profile body: empty optional fields become null. */
export function toProfileBody(values, { omitEmpty = false } = {}) {
  const body = {};
  for (const key of TEXT_FIELDS) {
    const v = (values[key] ?? '').trim();
    if (v) body[key] = v;
    else if (!omitEmpty) body[key] = null;
  }
  const h = String(values.heightCm ?? '').trim();
  if (h) body.heightCm = Number(h);
  else if (!omitEmpty) body.heightCm = null;
  return body;
}

/** A profile from the API to form strings. */
export function fromProfile(profile) {
  const values = {};
  for (const key of TEXT_FIELDS) values[key] = profile?.[key] ?? '';
  values.heightCm = profile?.heightCm != null ? String(profile.heightCm) : '';
  return values;
}
