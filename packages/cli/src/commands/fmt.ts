// Placeholder until this command is built; replaced by its implementation.
export async function fmt(_args: string[]): Promise<number> {
  process.stderr.write('segmint fmt: not available yet\n');
  return 2;
}
