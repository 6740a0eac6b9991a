// Placeholder until this command is built; replaced by its implementation.
export async function segment(_args: string[]): Promise<number> {
  process.stderr.write('segmint segment: not available yet\n');
  return 2;
}
