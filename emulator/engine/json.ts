/** A JSON object stored with orders, jobs and transitions; it must survive a restart, so no functions. */
export type JsonObject = { readonly [key: string]: unknown };
