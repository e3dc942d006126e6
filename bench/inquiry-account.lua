-- inquiryAccount of the demo customer, signed with the sandbox client key (BENCH_WF_REQUEST, written
-- by PayHub.Bench wf-request just before the run): each request is verified (RSA-2048) and each
-- answer signed by the server. Every answer is checked for resultCode SUCCESS.
dofile(os.getenv("BENCH_WF_REQUEST"))
local threads = {}
wrong = 0

wrk.method = "POST"
wrk.path = wf_path
wrk.body = wf_body
wrk.headers["Content-Type"] = "application/json; charset=UTF-8"
wrk.headers["Client-Id"] = "DEMO_CLIENT_001"
wrk.headers["Request-Time"] = wf_time
wrk.headers["Signature"] = wf_signature

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"resultCode":"SUCCESS"', 1, true) then
    wrong = wrong + 1
  end
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
