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
 * Finds an executable the way spawn without a shell will: a path is checked
 * as is, a bare name is looked up on PATH (with PATHEXT on Windows).
 */
export async function findExecutable(
  command: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
    return (await isExecutableFile(command)) ? command : undefined;
  }
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}
