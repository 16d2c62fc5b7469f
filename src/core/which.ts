import { constants, promises as fs } from 'fs';
import * as path from 'path';

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    await fs.access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Windows batch files: spawn runs them only through a shell (Node refuses them
 * otherwise since the fix of CVE-2024-27980), and influxctl is never run through one.
 */
function isBatchFile(file: string): boolean {
  return /\.(cmd|bat)$/i.test(file);
}

/**
 * Finds an executable the way spawn without a shell will: a path is checked
 * as is, a bare name is looked up on PATH (with PATHEXT on Windows, batch
 * files left out).
 */
export async function findExecutable(
  command: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
    return (platform !== 'win32' || !isBatchFile(command)) && (await isExecutableFile(command)) ? command : undefined;
  }
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((ext) => !isBatchFile(ext)) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}
