// The one place that says where the API's types come from: schema.gen.ts, generated from the server's openapi.json (npm run gen:api).
export type { components, paths } from './schema.gen';
