using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using PayHub.Protocols.Crypto;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Protocols.Utility;

namespace PayHub.Bench;

/// <summary>
/// The floor under CustomerCheck, inquiryAccount and the risk page on SQLite: what a request costs on this machine when it
/// does only what the scenario cannot avoid, written as plainly as the ceiling (not tuned). Every request: Kestrel reads
/// the body, one customer row is read by its key (a pooled connection, its statement prepared once), a journal row of
/// CustomerCheck's size (and for CustomerCheck its TranSeq's register row) goes to one writer that commits whatever has
/// queued in one transaction and syncs the log to disk before anyone is answered (WAL, <c>synchronous=FULL</c>: a group
/// commit, PayHub's design), and an answer of the scenario's size is sent. CustomerCheck's TranDate and TranSeq are found in the body's bytes, a body
/// under SM4 opened and its answer sealed with the demo key; inquiry's request signature is verified and its answer
/// signed (RSA-2048); the risk page's answer is a fixed page of 20 rows of a case's size, where PayHub reads its rows and
/// its total. No authentication, validation, parsing, metrics or masking: PayHub does all of that besides, so its rate is
/// below this one's unless it writes more cleverly than one group-committed writer.
/// <c>durable-floor DB [MODE] --urls URL</c>; MODE takes parts away to show what each costs: <c>durable</c> (all of it,
/// the default), <c>unsynced</c> (the log never synced: not durable), <c>read</c> (CustomerCheck with no write at all),
/// and <c>signed CLIENT_PUBLIC.pem SERVER_PRIVATE.pem</c> (as durable, with the keys inquiry's floor verifies and signs
/// with; without them its requests are refused).
/// </summary>
public static class DurableFloor
{
    private sealed record Write(string TranDate, string TranSeq, bool Registered, TaskCompletionSource Done);

    private static readonly UtilityEncryption Sm4Answer = new(BlockCipherKind.Sm4, BlockChaining.Ecb);

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args[0];
        var modeGiven = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal);
        var mode = modeGiven ? args[1] : "durable";
        using var clientKey = RSA.Create();
        using var serverKey = RSA.Create();
        if (mode == "signed")
        {
            clientKey.ImportFromPem(File.ReadAllText(args[2]));
            serverKey.ImportFromPem(File.ReadAllText(args[3]));
        }

        var hostArgs = args[(!modeGiven ? 1 : mode == "signed" ? 4 : 2)..];
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var writer = Open(connectionString);
        Execute(writer, $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {(mode == "unsynced" ? "OFF" : "FULL")};
            CREATE TABLE customers (bill_key TEXT PRIMARY KEY, company_id TEXT, contract_no TEXT, name TEXT, phone TEXT, address TEXT,
                status TEXT, service_status TEXT, register_date TEXT, last_pay_date TEXT, pay_count INTEGER, pay_amount INTEGER);
            INSERT INTO customers VALUES ('123456', '654321', 'CONTRACT001', '张三', '13812345678', '北京市朝阳区xxx街道xxx号', '1', '1', '20200101', '20231215', 36, 540000);
            CREATE TABLE requests (id INTEGER PRIMARY KEY, inst_id TEXT NOT NULL, tran_date TEXT NOT NULL, tran_seq TEXT NOT NULL, tran_code TEXT NOT NULL,
                content_hash TEXT NOT NULL, resp_code TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE UNIQUE INDEX requests_tran_seq ON requests (inst_id, tran_date, tran_seq);
            CREATE TABLE journal (id INTEGER PRIMARY KEY, at TEXT, family TEXT, operation TEXT, caller TEXT, sequence_no TEXT, outcome TEXT,
                latency_ms INTEGER, request_id TEXT, request TEXT, response TEXT, status INTEGER, node TEXT, refused_by TEXT, diagnosis TEXT,
                headers TEXT, raw_request TEXT, raw_response TEXT);
            """);
        var readers = new System.Collections.Concurrent.ConcurrentBag<SqliteCommand>();
        var queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
        var writing = Task.Run(() => WriteLoopAsync(writer, queue.Reader));

        var app = Ceiling.BareApp(hostArgs);
        var body = Ceiling.CustomerCheckBody();

        // The request's one read: the customer by its key.
        bool ReadCustomer()
        {
            if (!readers.TryTake(out var customer))
            {
                customer = Open(connectionString).CreateCommand();
                customer.CommandText = "SELECT * FROM customers WHERE bill_key = $key";
                customer.Parameters.Add("$key", SqliteType.Text);
                customer.Prepare();
            }

            customer.Parameters[0].Value = "123456";
            bool found;
            using (var row = customer.ExecuteReader())
            {
                found = row.Read() && row.GetString(3).Length > 0;
            }

            readers.Add(customer);
            return found;
        }

        // The request's rows (its journal row, and its TranSeq's when registered), committed with whatever else has
        // queued and on disk before it returns.
        async Task WriteAsync(string tranDate, string tranSeq, bool registered)
        {
            var write = new Write(tranDate, tranSeq, registered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            queue.Writer.TryWrite(write);
            await write.Done.Task;
        }

        // Under SM4 (bench/customer-check-sm4.lua) the body is opened and the answer sealed with the demo key, as PayHub does.
        app.MapPost("/utility/CustomerCheck", async (HttpContext http) =>
        {
            var request = await ReadBodyAsync(http);
            var encrypted = http.Request.Headers.ContainsKey("EncryptType");
            if (encrypted)
            {
                request = Sm4Answer.Open(Sm4Bodies.DemoKey, request);
            }

            if (!ReadCustomer())
            {
                http.Response.StatusCode = 500;
                return;
            }

            if (mode != "read")
            {
                await WriteAsync(Between(request, "<TranDate>"u8, "</TranDate>"u8), Between(request, "<TranSeq>"u8, "</TranSeq>"u8), registered: true);
            }

            var answer = encrypted ? Encoding.ASCII.GetBytes(Sm4Answer.Seal(Sm4Bodies.DemoKey, body)) : body;
            http.Response.ContentType = encrypted ? "text/plain" : "application/xml; charset=GBK";
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer);
        });

        // inquiryAccount's floor: the request's signature verified, the read, the rows written, the answer signed.
        var answer = Encoding.UTF8.GetBytes(InquiryAnswer);
        app.MapPost(GlobalRequest.Path, async (HttpContext http) =>
        {
            var request = await ReadBodyAsync(http);
            var clientId = http.Request.Headers["Client-Id"].ToString();
            var time = http.Request.Headers["Request-Time"].ToString();
            var signature = SignatureHeader.Parse(http.Request.Headers["Signature"]);
            if (signature is null || !Rsa256Signature.Verify(clientKey, Rsa256Signature.Content("POST", GlobalRequest.Path, clientId, time, request), signature.Signature) || !ReadCustomer())
            {
                http.Response.StatusCode = 401;
                return;
            }

            await WriteAsync("20240101", Guid.NewGuid().ToString("N"), registered: false);
            var answerTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["Client-Id"] = clientId;
            http.Response.Headers["Response-Time"] = answerTime;
            http.Response.Headers["Signature"] = SignatureHeader.Rsa256(1, Rsa256Signature.Sign(serverKey, Rsa256Signature.Content("POST", GlobalRequest.Path, clientId, answerTime, answer))).ToString();
            http.Response.ContentType = "application/json; charset=UTF-8";
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer);
        });
        // The risk page's floor: the read and the write, then a page of its size (20 rows of a case's length), fixed.
        var page = RiskPage();
        app.MapPost("/risk/case/query", async (HttpContext http) =>
        {
            await ReadBodyAsync(http);
            if (!ReadCustomer())
            {
                http.Response.StatusCode = 500;
                return;
            }

            await WriteAsync("20240101", Guid.NewGuid().ToString("N"), registered: false);
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = page.Length;
            await http.Response.Body.WriteAsync(page);
        });
        await app.RunAsync();
        queue.Writer.Complete();
        await writing;
        return 0;
    }

    private static byte[] RiskPage()
    {
        var row = """{"caseNo":"RC202401150000001","mercNum":"M000000000001","mercName":"合成商户0000001","agentNo":"A0001","firstAgentNo":"A01","createTime":"2024-01-15 10:20:30","typeNo":"T01","riskTypeRules":"交易异常：短时间内多笔大额交易，疑似套现","riskTypeCaseDealWay":"冻结","caseDealWay":"待处理","referOrders":"O2024011500000001,O2024011500000002,O2024011500000003","cardNo":"6222********1234","termNo":"TERM0001","longitude":"116.397128","latitude":"39.916527","remark":"系统自动生成的风险案例，用于压力测试，案例内容为合成数据，不对应任何真实商户或交易，仅用于衡量分页查询","flowNodeKey":"survey","suggest":"请商户提供交易凭证及相关说明材料","createWay":"系统","auditStatus":"DTJ","surveyWay":"","surveyRemark":"","surveyResult":"","surveyTime":"","submitTime":"","closed":false}""";
        var rows = string.Join(",", Enumerable.Repeat(row, 20));
        return Encoding.UTF8.GetBytes($$$"""{"return_code":10000,"return_msg":"","data":{"total":4166,"rows":[{{{rows}}}]}}""");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        var buffer = new byte[8192];
        var length = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
        }

        return buffer[..length];
    }

    private static async Task WriteLoopAsync(SqliteConnection writer, ChannelReader<Write> queue)
    {
        using var register = writer.CreateCommand();
        register.CommandText = "INSERT INTO requests (inst_id, tran_date, tran_seq, tran_code, content_hash, resp_code, response, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";
        using var journal = writer.CreateCommand();
        journal.CommandText = "INSERT INTO journal (at, family, operation, caller, sequence_no, outcome, latency_ms, request_id, request, response, status, node, refused_by, diagnosis, headers, raw_request, raw_response) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
        for (var i = 1; i <= 8; i++)
        {
            register.Parameters.Add("$" + i, SqliteType.Text);
        }

        for (var i = 1; i <= 17; i++)
        {
            journal.Parameters.Add("$" + i, SqliteType.Text);
        }

        var batch = new List<Write>();
        while (await queue.WaitToReadAsync())
        {
            while (queue.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                Commit(writer, register, journal, batch);
                foreach (var write in batch)
                {
                    write.Done.SetResult();
                }
            }
            catch (SqliteException e)
            {
                foreach (var write in batch)
                {
                    write.Done.SetException(e);
                }
            }

            batch.Clear();
        }
    }

    private static void Commit(SqliteConnection writer, SqliteCommand register, SqliteCommand journal, List<Write> batch)
    {
        using var transaction = writer.BeginTransaction();
        register.Transaction = transaction;
        journal.Transaction = transaction;
        foreach (var write in batch)
        {
            var now = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            if (write.Registered)
            {
                string[] registerRow = ["00001", write.TranDate, write.TranSeq, "CustomerCheck", "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea", "AAAAAAA", Answer, now];
                for (var i = 0; i < registerRow.Length; i++)
                {
                    register.Parameters[i].Value = registerRow[i];
                }

                register.ExecuteNonQuery();
            }

            string[] journalRow = [now, "utility", "CustomerCheck", "00001", write.TranDate + "/" + write.TranSeq, "AAAAAAA", "1", Guid.NewGuid().ToString("N"), "", "", "200", "", "business", "查询成功", "", "", ""];
            for (var i = 0; i < journalRow.Length; i++)
            {
                journal.Parameters[i].Value = journalRow[i];
            }

            journal.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>An inquiryAccount answer of the demo customer's size.</summary>
    private const string InquiryAnswer = """{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"accounts":[{"accountId":"ACC-0001","accountType":"RECEIVE_ACCOUNT","accountStatus":"ACTIVE","currency":"USD","accountNo":"6222******0001","bankName":"DEMO BANK","balance":{"currency":"USD","value":"100000"}},{"accountId":"ACC-0002","accountType":"RECEIVE_ACCOUNT","accountStatus":"ACTIVE","currency":"EUR","accountNo":"6222******0002","bankName":"DEMO BANK","balance":{"currency":"EUR","value":"50000"}}]}""";

    /// <summary>The kept answer of CustomerCheck's register row, of its size.</summary>
    private const string Answer = """{"billKey":"123456","companyId":"654321","contractNo":"CONTRACT001","customerName":"张三","customerPhone":"13812345678","customerAddress":"北京市朝阳区xxx街道xxx号","customerStatus":"1","serviceStatus":"1","registerDate":"20200101","lastPayDate":"20231215","totalPayCount":"36","totalPayAmount":"540000","RespCode":"AAAAAAA","RespMsg":"查询成功"}""";

    private static string Between(ReadOnlySpan<byte> body, ReadOnlySpan<byte> open, ReadOnlySpan<byte> close)
    {
        var start = body.IndexOf(open);
        if (start < 0)
        {
            return Guid.NewGuid().ToString("N");
        }

        var rest = body[(start + open.Length)..];
        var end = rest.IndexOf(close);
        return System.Text.Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
