-- wrk script for the HTTP benchmark (docs/BENCHMARKS.md): POSTs the fact set in $FACTS
-- (default docs/bench/http-evaluate-facts.json), with 'Authorization: Bearer $TOKEN' when TOKEN is set,
-- and prints requests/s and the 50th/99th latency percentiles on one line.
local path = os.getenv("FACTS") or "docs/bench/http-evaluate-facts.json"
local file = assert(io.open(path, "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
