-- CustomerCheck in plain GBK XML (the seed's request), every request with a new TranSeq so that
-- each one does its reads and its TranSeq and audit writes rather than replaying a kept answer.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local counter = 0
-- os.time() differs between runs (warm-up and measurement), so no TranSeq repeats across them
local run_id = string.format("%06d", os.time() % 1000000)

function request()
  counter = counter + 1
  local seq = string.format("P%s%02d%012d", run_id, tid, counter)
  local body = '<?xml version="1.0" encoding="GBK"?>\n<in>\n<Version>1.0.1</Version>\n<InstId>00001</InstId>\n'
    .. '<TranCode>CustomerCheck</TranCode>\n<TranDate>20240101</TranDate>\n<TranSeq>' .. seq .. '</TranSeq>\n'
    .. '<billKey>123456</billKey>\n<companyId>654321</companyId>\n<queryType>0</queryType>\n'
    .. '<contractNo>CONTRACT001</contractNo>\n<filed1></filed1>\n<filed2></filed2>\n</in>'
  return wrk.format("POST", "/utility/CustomerCheck",
    { ["Content-Type"] = "application/xml", ["X-API-Key"] = "demo-utility-key" }, body)
end
