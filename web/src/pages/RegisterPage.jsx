import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import useAuth from '../hooks/useAuth.js';
import AuthLayout from './AuthLayout.jsx';
import Field from '../components/Field.jsx';
import Notice from '../components/Notice.jsx';
import ProfileFields, { toProfileBody } from '../components/ProfileFields.jsx';
import { dateOfBirthProblem, fieldError } from '../utils/fieldErrors.js';

const USERNAME_PATTERN = '[a-z0-9_.]{3,32}';
export const NEW_ACCOUNT_KEY = 'pulse.newAccount';

export default function RegisterPage() {
  const { register } = useAuth();
  const navigate = useNavigate();
  const [account, setAccount] = useState({ username: '', password: '' });
  const [profile, setProfile] = useState({ gender: '', religion: '' });
  const [more, setMore] = useState(false);
  const [error, setError] = useState(null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    setError(null);
    const tooYoung = dateOfBirthProblem(profile.dateOfBirth);
    if (tooYoung) {
      setErrors({ dateOfBirth: tooYoung });
      return;
    }
    setErrors({});
    setBusy(true);
    // the dashboard greets this account "Welcome" (not "welcome back") for the rest of the session
    sessionStorage.setItem(NEW_ACCOUNT_KEY, account.username.trim().toLowerCase());
    try {
      await register({
        username: account.username.trim().toLowerCase(),
        password: account.password,
        ...toProfileBody(profile, { omitEmpty: true }),
      });
      navigate('/', { replace: true });
    } catch (err) {
      const { field, words } = fieldError(err, profile);
      if (field) setErrors({ [field]: words });
      else setError(words);
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Create your profile" subtitle="It takes a minute. You can add more details later." wide>
      <form onSubmit={submit} className="form" data-testid="register-form">
        <div className="form-grid">
          <Field
            label="Username"
            autoComplete="username"
            required
            pattern={USERNAME_PATTERN}
            hint="3–32 characters: lowercase letters, digits, _ and ."
            value={account.username}
            error={errors.username}
            onChange={(e) => setAccount({ ...account, username: e.target.value.toLowerCase() })}
          />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            hint="At least 8 characters."
            value={account.password}
            error={errors.password}
            onChange={(e) => setAccount({ ...account, password: e.target.value })}
          />
        </div>
        <ProfileFields
          values={profile}
          errors={errors}
          onChange={(k, v) => {
            setErrors({ ...errors, [k]: undefined });
            setProfile({ ...profile, [k]: v });
          }}
          extended={more}
        />
        {!more && (
          <button type="button" className="button button--link" onClick={() => setMore(true)}>
            + Add education, occupation, height and more
          </button>
        )}
        <Notice>{error}</Notice>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Creating your profile…' : 'Create profile'}
        </button>
      </form>
      <p className="auth__switch">
        Already have a profile? <Link to="/login">Log in</Link>
      </p>
    </AuthLayout>
  );
}
