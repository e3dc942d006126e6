-- CustomerCheck under SM4-ECB: bodies are put together from enciphered 48-byte pieces (see
-- PayHub.Bench/Sm4Bodies.cs) so every request carries a distinct TranDate/TranSeq pair.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_SM4_TABLES"))
local counter = 0

function request()
  -- thread 1 walks the dates from the front, thread 2 from the back: no pair repeats within a run.
  local n = counter
  counter = counter + 1
  local seq_index = n % #sm4_seqs + 1
  local date_index = math.floor(n / #sm4_seqs) % (#sm4_dates / 2) + 1
  if tid % 2 == 0 then date_index = #sm4_dates - date_index + 1 end
  local body = sm4_head .. sm4_dates[date_index] .. sm4_seqs[seq_index] .. sm4_tail
  return wrk.format("POST", "/utility/CustomerCheck",
    { ["Content-Type"] = "text/plain", ["EncryptType"] = "SM4", ["EncryptMode"] = "ECB", ["DataType"] = "XML",
      ["X-API-Key"] = "demo-utility-key" }, body)
end
