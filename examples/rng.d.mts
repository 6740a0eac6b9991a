// Types of rng.mjs, for the TypeScript tests that share its generator.
/** mulberry32: a seeded PRNG returning numbers in [0, 1). */
export function rng(seed: number): () => number;
