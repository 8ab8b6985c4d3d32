#!/usr/bin/env bash
# A full build like `npm run build`, into another directory of the checkout (it must sit inside the
# checkout so the built server finds node_modules), e.g. `bash scripts/build-into.sh .dist-a11y`,
# then `CHIBO_E2E_DIST=.dist-a11y npx vitest run --project e2e …`. Lets two people sharing one
# working tree build and drive their own copies without overwriting dist/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:?Cách dùng: bash scripts/build-into.sh <thư mục, ví dụ .dist-a11y>}"
npx tsc -p tsconfig.build.json --outDir "$out"
node scripts/copy-runtime-assets.mjs "$out"
npx vite build --logLevel warn --outDir "$PWD/$out/web" --emptyOutDir
node scripts/compress-assets.mjs "$out/web"
