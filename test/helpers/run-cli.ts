import { main, type Io } from '../../src/xlsx/cli';

/** Runs `yilao` in-process with a captured, colourless terminal and a fixed clock. */
export async function runCli(
  args: string[],
  now = '2024-01-10T08:00:00.000Z',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    tty: false,
    now: () => new Date(now),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
