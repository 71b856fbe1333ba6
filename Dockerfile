# Foothold's image: the API and the workers run from the same image with different commands.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the locked dependencies (the lock file holds every platform's optional native packages).
RUN npm ci --no-audit --no-fund
COPY . .
# The web front end is built here (Vite is a dev dependency), then the dev dependencies go.
RUN npm run build:web && npm prune --omit=dev --no-audit --no-fund
ENV NODE_ENV=production
EXPOSE 8080
CMD ["node", "bin/foothold.js", "start"]
