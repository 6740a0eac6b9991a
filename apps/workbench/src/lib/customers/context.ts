// The customer table's context key: the page provides the state, the drill buttons (rules) and
// the table use it.
import { contextKey } from '../ui/context.js';
import type { CustomersState } from './customers.svelte.js';

export const CUSTOMERS = contextKey<CustomersState>('segmint.customers');
