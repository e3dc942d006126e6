-- The baseline: the same request size to a bare Kestrel endpoint answering a fixed GBK body.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local body = '<?xml version="1.0" encoding="GBK"?>\n<in>\n<Version>1.0.1</Version>\n<InstId>00001</InstId>\n'
  .. '<TranCode>CustomerCheck</TranCode>\n<TranDate>20240101</TranDate>\n<TranSeq>123456789012</TranSeq>\n'
  .. '<billKey>123456</billKey>\n<companyId>654321</companyId>\n<queryType>0</queryType>\n'
  .. '<contractNo>CONTRACT001</contractNo>\n<filed1></filed1>\n<filed2></filed2>\n</in>'
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/xml"
wrk.headers["X-API-Key"] = "demo-utility-key"
