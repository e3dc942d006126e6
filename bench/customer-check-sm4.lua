-- CustomerCheck under SM4-ECB: bodies are put together from enciphered 48-byte pieces (see
-- PayHub.Bench/Sm4Bodies.cs) so every request carries a distinct TranDate/TranSeq pair. As in
-- customer-check-plain.lua, the request line and headers are put together once per thread (init):
-- every piece of a kind has the same length, so the Content-Length is fixed, and wrk spends per
-- request only the concatenation of the pieces.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_SM4_TABLES"))
-- Each run starts where no earlier run of the last five minutes went: 10,000 requests a second per
-- thread of clock time (more than a thread sends), so the bench's rounds and warm-up never repeat
-- a pair (a repeat would replay its kept answer instead of doing the writes). Each thread has
-- 1500 x 2000 pairs: the start wraps every 300 seconds.
local counter = (os.time() % 300) * 10000
local head

function init(args)
  local length = #sm4_head + #sm4_dates[1] + #sm4_seqs[1] + #sm4_tail
  -- (wrk.format writes a Content-Length only for a body it is given: it is added here, before the blank line)
  local headers = wrk.format("POST", "/utility/CustomerCheck",
    { ["Content-Type"] = "text/plain", ["EncryptType"] = "SM4", ["EncryptMode"] = "ECB", ["DataType"] = "XML",
      ["X-API-Key"] = "demo-utility-key" })
  head = headers:sub(1, -3) .. "Content-Length: " .. length .. "\r\n\r\n" .. sm4_head
end

function request()
  -- thread 1 walks the dates from the front, thread 2 from the back: no pair repeats within a run.
  local n = counter
  counter = counter + 1
  local seq_index = n % #sm4_seqs + 1
  local date_index = math.floor(n / #sm4_seqs) % (#sm4_dates / 2) + 1
  if tid % 2 == 0 then date_index = #sm4_dates - date_index + 1 end
  return head .. sm4_dates[date_index] .. sm4_seqs[seq_index] .. sm4_tail
end
