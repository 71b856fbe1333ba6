# Foothold's image: the API and the workers run from the same image with different commands.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# npm install, not npm ci: npm 11 leaves other platforms’ optional native packages out of the lock file.
RUN npm install --omit=dev --no-audit --no-fund
COPY . .
EXPOSE 8080
CMD ["node", "bin/foothold.js", "start"]
