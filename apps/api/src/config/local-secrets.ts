import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from './app-config';

export interface ResolvedSecrets {
  readonly jwtSecret: string;
  readonly dataEncryptionKey: Buffer;
  readonly generated: boolean;
}

/**
 * In demo mode a missing secret is generated once and kept beside the embedded data (file mode 0600),
 * so that tokens and sealed second-factor secrets survive a restart. Outside demo mode the
 * configuration has already refused to start without them.
 */
export async function resolveSecrets(config: AppConfig): Promise<ResolvedSecrets> {
  const { jwtSecret, dataEncryptionKey } = config.secrets;
  if (jwtSecret !== null && dataEncryptionKey !== null) {
    return { jwtSecret, dataEncryptionKey: deriveKey(dataEncryptionKey), generated: false };
  }
  const file = join(config.dataDir, 'local-secrets.json');
  let stored = await readStored(file);
  if (!stored?.jwtSecret || !stored.dataEncryptionKey) {
    stored = { jwtSecret: randomBytes(48).toString('base64url'), dataEncryptionKey: randomBytes(32).toString('base64url') };
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
  }
  return {
    jwtSecret: jwtSecret ?? stored.jwtSecret,
    dataEncryptionKey: deriveKey(dataEncryptionKey ?? stored.dataEncryptionKey),
    generated: true,
  };
}

async function readStored(file: string): Promise<{ jwtSecret: string; dataEncryptionKey: string } | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { jwtSecret: string; dataEncryptionKey: string };
  } catch {
    return null;
  }
}

function deriveKey(material: string): Buffer {
  // A fixed-length AES-256 key from whatever printable secret the operator supplied.
  return createHash('sha256').update(material).digest();
}
