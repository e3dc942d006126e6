-- Shared by every scenario (loaded first): numbers the threads (the global `tid` in each), gives
-- each a `wrong` counter for answers a scenario's response() finds wrong, and prints one
-- machine-readable line; errors are the wrong answers plus every non-2xx answer and socket error.
local threads = {}
wrong = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("wrong")
  end
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    bad + summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
