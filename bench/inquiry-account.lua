-- inquiryAccount of the demo customer, signed with the sandbox client key (BENCH_WF_REQUEST, written
-- by PayHub.Bench wf-request just before the run): each request is verified (RSA-2048) and each
-- answer signed by the server. Every answer is checked for resultCode SUCCESS.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WF_REQUEST"))

wrk.method = "POST"
wrk.path = wf_path
wrk.body = wf_body
wrk.headers["Content-Type"] = "application/json; charset=UTF-8"
wrk.headers["Client-Id"] = "DEMO_CLIENT_001"
wrk.headers["Request-Time"] = wf_time
wrk.headers["Signature"] = wf_signature

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"resultCode":"SUCCESS"', 1, true) then
    wrong = wrong + 1
  end
end
