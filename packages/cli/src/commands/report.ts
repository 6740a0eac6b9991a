// Placeholder until this command is built; replaced by its implementation.
export async function report(_args: string[]): Promise<number> {
  process.stderr.write('segmint report: not available yet\n');
  return 2;
}
