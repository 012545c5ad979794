// Prisma CLI configuration. The CLI is only used for `prisma generate` here; migrations are applied by
// src/storage/migrations.ts through the WebAssembly schema engine (see docs/architecture.md).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./.yorisoi/yorisoi.db' },
});
