using System.Globalization;
using System.Text;
using PayHub.Protocols.Agreements;

namespace PayHub.Bench;

/// <summary>
/// Lets wrk sign new agreements without HMAC in Lua: writes, for <c>count</c> distinct payer
/// accounts, the signed Contract step 01 bodies to one Lua file and the matching step 02 bodies
/// (with the demo channel's sandbox code) to another, each with its X-DSP-Signature. The bodies are
/// written by the same codec and signer the server reads them with. <c>batch</c> (one digit) keeps
/// the agreements of separate tables (warm-up, measurement) apart.
/// </summary>
public static class DspBodies
{
    private const string Secret = "demo-dsp-secret";
    private const int Chunk = 10_000;

    public static int Write(string applyPath, string confirmPath, int count, int batch)
    {
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        using var apply = new StreamWriter(applyPath, false, new UTF8Encoding(false));
        using var confirm = new StreamWriter(confirmPath, false, new UTF8Encoding(false));
        apply.Write("dsp_requests = {}\n");
        confirm.Write("dsp_requests = {}\n");
        for (var i = 0; i < count; i++)
        {
            if (i % Chunk == 0)
            {
                // LuaJIT allows 65536 constants per function: each chunk of entries is a function of its own.
                var open = (i == 0 ? "" : "end)();\n") + "(function() local t = dsp_requests\n";
                apply.Write(open);
                confirm.Write(open);
            }

            // Ends in 00: never one of the sandbox bank's trigger endings (9901, 9902, 9903).
            var payAct = "6228" + run + batch.ToString("D1", CultureInfo.InvariantCulture) + i.ToString("D9", CultureInfo.InvariantCulture) + "00";
            AppendSigned(apply, Body(payAct, $"B{run}{batch}A{i}", "01", null));
            AppendSigned(confirm, Body(payAct, $"B{run}{batch}C{i}", "02", "123456"));
        }

        apply.Write("end)();\n");
        confirm.Write("end)();\n");
        return 0;
    }

    private static byte[] Body(string payAct, string reqSeqId, string step, string? smsCode)
    {
        var request = new AtsyhRequest();
        request.Header.Set("BankCode", "ALIPAY01").Set("TransType", "Contract").Set("CommandCode", "9108Auth")
            .Set("TransSeqID", reqSeqId).Set("TransTime", "2024-01-01 10:00:00");
        request.Detail.Set("ReqSeqID", reqSeqId).Set("PayAct", payAct).Set("PayName", "王小明").Set("PayBankCode", "102")
            .Set("RecAct", "6217661145901883428").Set("RecName", "姬俞").Set("RecBankCode", "102").Set("PayAmount", "667.00")
            .Set("CellPhone", "13900001111").Set("DeadLine", "20991231").Set("SingleLimit", "12000.00").Set("Step", step);
        if (smsCode is not null)
        {
            request.Detail.Set("SmsCode", smsCode);
        }

        return AtsyhCodec.WriteRequest(request);
    }

    private static void AppendSigned(StreamWriter lua, byte[] body)
    {
        lua.Write("t[#t + 1] = { \"");
        lua.Write(DspSignature.Compute(Secret, body));
        lua.Write("\", [==[");
        lua.Write(Encoding.UTF8.GetString(body));
        lua.Write("]==] }\n");
    }
}
