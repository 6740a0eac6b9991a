// Placeholder until this command is built; replaced by its implementation.
export async function sql(_args: string[]): Promise<number> {
  process.stderr.write('segmint sql: not available yet\n');
  return 2;
}
