using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;

namespace PayHub.Bench;

/// <summary>
/// The framework's ceiling on this machine: Kestrel with a minimal-API POST endpoint that reads
/// the body and answers a fixed GBK XML body of the same size as CustomerCheck's, doing nothing else.
/// </summary>
public static class Ceiling
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = BareApp(args);
        var body = CustomerCheckBody();
        app.MapPost("/ceiling", async (HttpContext http) =>
        {
            var buffer = new byte[8192];
            while (await http.Request.Body.ReadAsync(buffer) > 0)
            {
            }

            http.Response.ContentType = "application/xml; charset=GBK";
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body);
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>Kestrel with logging at Warning and no Server header, as every baseline server here runs.</summary>
    public static WebApplication BareApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        return builder.Build();
    }

    /// <summary>A CustomerCheck answer of the demo customer's size, GBK XML.</summary>
    public static byte[] CustomerCheckBody() => UtilityXmlCodec.Write(
        UtilityEnvelope.Response(null, "CustomerCheck", "AAAAAAA", "查询成功", [
            new("billKey", "123456"), new("companyId", "654321"), new("contractNo", "CONTRACT001"),
            new("customerName", "张三"), new("customerPhone", "13812345678"), new("customerAddress", "北京市朝阳区xxx街道xxx号"),
            new("customerStatus", "1"), new("serviceStatus", "1"), new("registerDate", "20200101"),
            new("lastPayDate", "20231215"), new("totalPayCount", "36"), new("totalPayAmount", "540000"),
        ]),
        XmlCharsets.Gbk,
        "GBK");
}
