-- Contract step 01 or step 02 on the simulated channel ALIPAY01, one new agreement per request:
-- the signed bodies come from BENCH_DSP_TABLES (PayHub.Bench dsp-bodies), thread 1 taking the even
-- entries and thread 2 the odd ones, in the same order for step 01 and step 02. Every answer is
-- checked for BENCH_DSP_EXPECT (EC100 at step 01, EC000 at step 02); a wrong answer, or running
-- out of prepared agreements, counts as an error.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_DSP_TABLES"))
local expected = "<UnifiedCode>" .. os.getenv("BENCH_DSP_EXPECT") .. "</UnifiedCode>"
local index = 0

function request()
  local i = index * 2 + tid
  index = index + 1
  if i > #dsp_requests then
    wrong = wrong + 1
    i = (i - 1) % #dsp_requests + 1
  end
  local entry = dsp_requests[i]
  return wrk.format("POST", "/dsp",
    { ["Content-Type"] = "application/xml", ["X-DSP-Client"] = "demo-frontend", ["X-DSP-Signature"] = entry[1] }, entry[2])
end

function response(status, headers, body)
  if not string.find(body, expected, 1, true) then
    wrong = wrong + 1
  end
end
