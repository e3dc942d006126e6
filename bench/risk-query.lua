-- The first page (20 rows) of one month for one level-1 agent of the synthetic book, varied over
-- every level-1 agent and month (BENCH_RISK_QUERIES, written by PayHub.Bench risk-queries). Every
-- answer is checked for return_code 10000 and a numeric total at its start, and its length for a full
-- page of 20 rows (each row is over 500 bytes); only the answer's head is searched, so that the check
-- costs wrk little CPU (wrk shares the two cores with the server).
dofile(os.getenv("BENCH_RISK_QUERIES"))
local threads = {}
local counter = 0
wrong = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/risk/case/query", { ["Content-Type"] = "application/json" }, risk_queries[(counter % #risk_queries) + 1])
end

function response(status, headers, body)
  local head = string.sub(body, 1, 80)
  if status ~= 200 or not string.find(head, '^{"return_code":10000,"return_msg":"","data":{"total":%d+,"rows":%[') or #body < 20 * 500 then
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
