-- The first page (20 rows) of one month for one level-1 agent of the synthetic book, varied over
-- every level-1 agent and month (BENCH_RISK_QUERIES, written by PayHub.Bench risk-queries). Every
-- answer is checked for return_code 10000 and a numeric total at its start, and its length for a full
-- page of 20 rows (each row is over 500 bytes); only the answer's head is searched, so that the check
-- costs wrk little CPU (wrk shares the two cores with the server).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_RISK_QUERIES"))
local counter = 0

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
