// Signing in: a server outside dev mode verifies SigV4 signatures, so the dashboard asks for an
// access key from sluice.yaml's security.accessKeys and signs every request with it. The secret stays
// in this tab's session storage.
import { useState, type FormEvent } from 'react';
import { setCredentials } from '../api/client';

export function SignIn({ reason }: { reason: string }) {
  const [accessKeyId, setId] = useState('');
  const [secretAccessKey, setSecret] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCredentials({ accessKeyId: accessKeyId.trim(), secretAccessKey, region: region.trim() || 'us-east-1' });
  };
  return (
    <form className="panel sign-in" onSubmit={submit} data-testid="sign-in">
      <h2>Sign in to this Sluice server</h2>
      <p className="small muted">{reason} Use an access key from security.accessKeys in sluice.yaml.</p>
      <label>
        Access key id
        <input value={accessKeyId} onChange={(e) => setId(e.target.value)} name="accessKeyId" autoComplete="username" required />
      </label>
      <label>
        Secret access key
        <input
          value={secretAccessKey}
          onChange={(e) => setSecret(e.target.value)}
          name="secretAccessKey"
          type="password"
          autoComplete="current-password"
          required
        />
      </label>
      <label>
        Region
        <input value={region} onChange={(e) => setRegion(e.target.value)} name="region" />
      </label>
      <button type="submit">Sign in</button>
    </form>
  );
}
