// Client-side only: the data never leaves the browser, and there is no server at run time.
export const ssr = false;
export const prerender = true;
