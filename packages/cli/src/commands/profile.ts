// Placeholder until this command is built; replaced by its implementation.
export async function profile(_args: string[]): Promise<number> {
  process.stderr.write('segmint profile: not available yet\n');
  return 2;
}
