// Placeholder until this command is built; replaced by its implementation.
export async function migrate(_args: string[]): Promise<number> {
  process.stderr.write('segmint migrate: not available yet\n');
  return 2;
}
