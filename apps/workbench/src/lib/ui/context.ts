// Typed Svelte context keys: each feature provides its state once (the page, through
// workbench.ts) and its components take it with `use(key)` instead of a prop.
import { getContext, setContext } from 'svelte';

/** A context key that carries the type of its value. */
export interface ContextKey<T> {
  readonly key: symbol;
  /** never set: only ties the key to T */
  readonly type?: T;
}

export function contextKey<T>(name: string): ContextKey<T> {
  return { key: Symbol(name) };
}

/** Provide `value` under `k` to this component's children (call during component init). */
export function provide<T>(k: ContextKey<T>, value: T): T {
  setContext(k.key, value);
  return value;
}

/** The value provided under `k` by an ancestor (call during component init). */
export function use<T>(k: ContextKey<T>): T {
  const v = getContext<T | undefined>(k.key);
  if (v === undefined) throw new Error(`no ${k.key.description ?? 'context'} provided`);
  return v;
}
