#!/usr/bin/env bash
# Builds docs/docker/Dockerfile from a clean clone and checks what the Dockerfile and compose.yaml promise:
#   image: the multi-stage build, the HEALTHCHECK turning healthy, GET /health, the non-root user 10001,
#          `serve --demo` answering a rep's next-best-actions, `user create` next to a running server,
#          the volume keeping the store for a new container
#   compose: docs/docker/compose.yaml (+ compose.standin.yaml when postgres:16 cannot be pulled) up,
#          Pandu on PostgreSQL according to /health, `compose exec pandu ... user create`, a sign-in
# Without Docker Hub, run make-standin-images.sh first: then this checks the Dockerfile's own steps on
# stand-in base images, not the upstream images.
# Usage: docs/docker/verify/verify.sh [image|compose|all]   (default all; needs docker, curl, jq, git)
# SRC_REPO (default: this repository) and SRC_REF (default: its checked-out commit) choose what is cloned and built.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
what="${1:-all}"
repo="${SRC_REPO:-$(git -C "$here" rev-parse --show-toplevel)}"
ref="${SRC_REF:-$(git -C "$here" rev-parse HEAD)}"
port="${VERIFY_PORT:-18080}"
image=pandu-verify
secret="$(openssl rand -hex 32)"
src="$(mktemp -d /tmp/pandu-docker-src.XXXXXX)"
logs="${VERIFY_LOGS:-/tmp/pandu-verify-logs}"
mkdir -p "$logs"
cleanup() { # keeps each container's log in $logs, then removes the containers
  local name
  for name in pandu-verify-1 pandu-verify-2; do
    docker inspect "$name" > /dev/null 2>&1 || continue
    docker logs "$name" > "$logs/$name.log" 2>&1 || true
    docker rm -f "$name" > /dev/null 2>&1 || true
  done
  rm -rf "$src"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
# waits until the container's HEALTHCHECK reports healthy; prints the seconds it took
wait_healthy() {
  local name="$1" start=$SECONDS status
  while :; do
    status="$(docker inspect -f '{{.State.Health.Status}}' "$name")"
    [ "$status" = healthy ] && { echo $((SECONDS - start)); return 0; }
    [ "$status" = unhealthy ] && fail "$name is unhealthy: $(docker inspect -f '{{json .State.Health}}' "$name")"
    [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] || fail "$name exited: $(docker logs --tail 20 "$name" 2>&1)"
    [ $((SECONDS - start)) -lt 400 ] || fail "$name not healthy after 400 s"
    sleep 2
  done
}
login() { # user password -> token
  curl -fsS -X POST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -er .token
}
actions() { # token -> number of next-best-actions
  curl -fsS "localhost:$port/api/v1/me/next-best-actions" -H "Authorization: Bearer $1" | jq -er '.actions | length'
}

say "clean clone of $repo ($ref)"
git clone -q "$repo" "$src"
git -C "$src" checkout -q "$ref"
git -C "$src" log -1 --format='%H %s'

if [ "$what" = image ] || [ "$what" = all ]; then
  say "docker build -f docs/docker/Dockerfile -t $image ."
  start=$SECONDS
  (cd "$src" && docker build --network=host -f docs/docker/Dockerfile -t "$image" .)
  echo "built in $((SECONDS - start)) s; image size $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
  docker image inspect -f 'user={{.Config.User}} volumes={{json .Config.Volumes}} entrypoint={{json .Config.Entrypoint}} cmd={{json .Config.Cmd}} healthcheck={{json .Config.Healthcheck.Test}}' "$image"

  say "docker run with a volume: serve --demo"
  docker volume rm -f pandu-verify-data > /dev/null
  docker run -d --name pandu-verify-1 -p "127.0.0.1:$port:8080" -v pandu-verify-data:/var/lib/pandu \
    -e PANDU_JWT_SECRET="$secret" "$image" serve --demo > /dev/null
  echo "healthy after $(wait_healthy pandu-verify-1) s (HEALTHCHECK every 30 s)"
  curl -fsS "localhost:$port/health"; echo
  uid="$(docker exec pandu-verify-1 sh -c 'id -u; id -un; awk "/^Uid:/{print \$2}" /proc/1/status')"
  echo "id -u, id -un, uid of PID 1: $(echo $uid)"
  [ "$(echo "$uid" | sed -n 1p)" = 10001 ] && [ "$(echo "$uid" | sed -n 3p)" = 10001 ] || fail "not running as uid 10001"
  token="$(login moses.frase demo)"
  n="$(actions "$token")"
  echo "moses.frase (demo) has $n next-best-actions"
  [ "$n" -gt 0 ] || fail "the demo gave moses.frase no next-best-actions"
  docker exec -i pandu-verify-1 java -jar /opt/pandu/pandu.jar user create --username verify.admin --role admin \
    <<< 'verify-password-1' 2>&1 | grep -v '^Picked up JAVA_TOOL_OPTIONS'
  login verify.admin verify-password-1 > /dev/null || fail "verify.admin cannot sign in"
  echo "verify.admin (made with docker exec ... user create) signs in"
  docker exec pandu-verify-1 ls -la /var/lib/pandu/data

  say "a new container on the same volume (no --demo) keeps the store"
  start=$SECONDS
  docker stop pandu-verify-1 > /dev/null
  echo "docker stop took $((SECONDS - start)) s, exit code $(docker inspect -f '{{.State.ExitCode}}' pandu-verify-1)"
  docker logs pandu-verify-1 > "$logs/pandu-verify-1.log" 2>&1
  docker rm pandu-verify-1 > /dev/null
  docker run -d --name pandu-verify-2 -p "127.0.0.1:$port:8080" -v pandu-verify-data:/var/lib/pandu \
    -e PANDU_JWT_SECRET="$secret" "$image" > /dev/null
  echo "healthy after $(wait_healthy pandu-verify-2) s"
  n2="$(actions "$(login moses.frase demo)")"
  echo "moses.frase still signs in and has $n2 next-best-actions"
  login verify.admin verify-password-1 > /dev/null || fail "verify.admin cannot sign in after the restart"
  echo "verify.admin still signs in"
  [ "$n2" = "$n" ] || fail "next-best-actions changed across the restart: $n -> $n2"
  docker restart pandu-verify-2 > /dev/null
  echo "after docker restart: healthy after $(wait_healthy pandu-verify-2) s"
  docker logs pandu-verify-2 > "$logs/pandu-verify-2.log" 2>&1
  docker rm -f pandu-verify-2 > /dev/null
  docker volume rm pandu-verify-data > /dev/null
fi

if [ "$what" = compose ] || [ "$what" = all ]; then
  files=(-f docs/docker/compose.yaml)
  if ! docker image inspect postgres:16 > /dev/null 2>&1 && ! docker pull -q postgres:16 > /dev/null 2>&1; then
    files+=(-f docs/docker/verify/compose.standin.yaml)
    echo "postgres:16 cannot be pulled: using compose.standin.yaml (PostgreSQL from Debian, not postgres:16)"
  fi
  if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
  compose+=(-p pandu-verify "${files[@]}")
  say "${compose[*]} up -d --build"
  cd "$src"
  export PANDU_JWT_SECRET="$secret" PANDU_HTTP_PORT="$port"
  trap '(cd "$src" && "${compose[@]}" down -v > /dev/null 2>&1) || true; rm -rf "$src"' EXIT
  start=$SECONDS
  "${compose[@]}" up -d --build
  id="$("${compose[@]}" ps -q pandu)"
  echo "pandu healthy after $(wait_healthy "$id") s (from up)"
  "${compose[@]}" ps
  health="$(curl -fsS "localhost:$port/health")"
  echo "$health"
  echo "$health" | grep -qi postgres || fail "/health does not name PostgreSQL"
  "${compose[@]}" exec -T pandu java -jar /opt/pandu/pandu.jar user create --username admin --role admin \
    <<< 'compose-password-1' 2>&1 | grep -v '^Picked up JAVA_TOOL_OPTIONS'
  login admin compose-password-1 > /dev/null || fail "admin cannot sign in"
  echo "admin (made with compose exec ... user create) signs in"
  "${compose[@]}" exec -T postgres psql -U pandu -d pandu -Atc 'select version()'
  "${compose[@]}" exec -T postgres psql -U pandu -d pandu -Atc 'select username, role from users' || true
  "${compose[@]}" down -v
fi
say "all checks passed"
