# syntax=docker/dockerfile:1
# chibo's container image (docs/docker.md, ADR 034): built here, run as the unprivileged `node`
# user with the production dependencies and dist/ only.
#
#   docker build -t chibo .
#   docker compose up -d          # with PostgreSQL, volumes and health checks (compose.yaml)
#
# The image holds dist/ only: dist/ must carry everything `serve` needs, the SQL migrations
# included (issue 13: `npm run build` makes dist/ self-contained).

ARG NODE_VERSION=24

# --- build: every dependency, then `npm run build` (tsc → dist/src, vite → dist/web) -------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- production dependencies only (prebuilt native packages: nothing is compiled) ---------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/chibo
WORKDIR /app
# The code belongs to root and is only read by the service: a compromised process cannot rewrite it.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/package.json ./package.json
COPY --from=build /app/dist ./dist

# `chibo …` runs the CLI. Settings that are secrets may come from files (Docker or compose secrets):
# NAME_FILE=/path fills NAME when NAME itself is not set (compose.yaml does this for the database
# addresses, whose passwords are generated on first start).
COPY <<'EOF' /usr/local/bin/chibo
#!/bin/sh
set -eu
for name in DATABASE_URL DATABASE_OWNER_URL DATABASE_REPLICA_URL RECORD_SECRET SMTP_URL; do
  eval "file=\${${name}_FILE:-}"
  eval "value=\${${name}:-}"
  if [ -n "$file" ] && [ -z "$value" ]; then
    value=$(cat "$file")
    export "$name=$value"
  fi
done
exec node /app/dist/src/cli.js "$@"
EOF
RUN chmod 755 /usr/local/bin/chibo \
 && install -d -o node -g node -m 700 /var/lib/chibo /var/lib/chibo-backups

USER node
EXPOSE 3000
# DATA_DIR: the record key file (when RECORD_SECRET is not set), export files, and the PGlite
# database when no DATABASE_URL is given. Keep it on a volume.
VOLUME ["/var/lib/chibo"]
# No curl in slim images: Node's own fetch asks /api/health (200 only when the database answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["chibo"]
CMD ["serve"]
