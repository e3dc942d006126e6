-- CustomerCheck in plain GBK XML (the seed's request), every request with a new TranSeq so that
-- each one does its reads and its TranSeq and audit writes rather than replaying a kept answer.
-- The request's bytes around the TranSeq are put together once per thread (init), so that wrk,
-- which shares the machine with the server, spends per request only one number's formatting and
-- one concatenation: the request is then nearly as cheap to send as the ceiling's fixed one.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local counter = 0
-- os.time() differs between runs (warm-up and measurement), so no TranSeq repeats across them; wrk processes started
-- together (one per node, bench/writers.sh) are kept apart by BENCH_RUN_ID (six digits)
local run_id = os.getenv("BENCH_RUN_ID") or string.format("%06d", os.time() % 1000000)
local before, after

function init(args)
  local prefix = '<?xml version="1.0" encoding="GBK"?>\n<in>\n<Version>1.0.1</Version>\n<InstId>00001</InstId>\n'
    .. '<TranCode>CustomerCheck</TranCode>\n<TranDate>20240101</TranDate>\n<TranSeq>P' .. run_id .. string.format("%02d", tid)
  after = '</TranSeq>\n<billKey>123456</billKey>\n<companyId>654321</companyId>\n<queryType>0</queryType>\n'
    .. '<contractNo>CONTRACT001</contractNo>\n<filed1></filed1>\n<filed2></filed2>\n</in>'
  -- every TranSeq has the same length (12 digits of counter), so the Content-Length is fixed
  local length = #prefix + 12 + #after
  -- (wrk.format writes a Content-Length only for a body it is given: it is added here, before the blank line)
  local head = wrk.format("POST", "/utility/CustomerCheck", { ["Content-Type"] = "application/xml", ["X-API-Key"] = "demo-utility-key" })
  before = head:sub(1, -3) .. "Content-Length: " .. length .. "\r\n\r\n" .. prefix
end

function request()
  counter = counter + 1
  return before .. string.format("%012d", counter) .. after
end
