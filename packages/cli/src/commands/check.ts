// Placeholder until this command is built; replaced by its implementation.
export async function check(_args: string[]): Promise<number> {
  process.stderr.write('segmint check: not available yet\n');
  return 2;
}
