import { useState } from 'react';
import { api } from '../services/api.js';
import useAuth from '../hooks/useAuth.js';
import ProfileFields, { fromProfile, toProfileBody } from './ProfileFields.jsx';
import Notice from './Notice.jsx';

/** My own profile as an editable form (PUT /api/me). */
export default function ProfileEditor({ profile, onSaved }) {
  const { setUser } = useAuth();
  const [values, setValues] = useState(() => fromProfile(profile));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);

  async function submit(e) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api.updateMe(toProfileBody(values));
      setUser(updated);
      onSaved(updated);
      setValues(fromProfile(updated));
      setSaved(true);
    } catch (err) {
      setError(err.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card form profile-editor" onSubmit={submit} aria-labelledby="edit-heading" data-testid="profile-editor">
      <h2 id="edit-heading" className="card__title">
        Edit your profile
      </h2>
      <ProfileFields
        values={values}
        onChange={(k, v) => {
          setSaved(false);
          setValues({ ...values, [k]: v });
        }}
      />
      <Notice>{error}</Notice>
      {saved && (
        <p className="form-success" role="status">
          Profile saved
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}
