using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PayHub.Protocols.Agreements;

namespace PayHub.Tests.Agreements;

/// <summary>
/// A remote ATSYH gateway on a real loopback socket, for the <c>http</c> channel kind: each request
/// is read and handed to the test's handler, which fails it, hangs, or answers with <see cref="AnswerAsync"/>.
/// </summary>
public sealed class AtsyhPeer : IAsyncDisposable
{
    private WebApplication _app = null!;

    private AtsyhPeer()
    {
    }

    /// <summary>Where the channel sends (its <c>url</c> setting).</summary>
    public string Url => _app.Urls.Single() + "/dsp";

    public static async Task<AtsyhPeer> StartAsync(Func<HttpContext, AtsyhRequest, Task> handle)
    {
        var peer = new AtsyhPeer();
        peer._app = await LoopbackEndpoint.StartAsync("/dsp", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            await handle(context, AtsyhCodec.ReadRequest(body.ToArray()).Message!);
        });
        return peer;
    }

    /// <summary>A successful answer (EC000) to <paramref name="request"/> that shows the agreement in <paramref name="contractState"/>.</summary>
    public static async Task AnswerAsync(HttpContext context, AtsyhRequest request, string contractState)
    {
        var answer = AtsyhResponse.Echo(request.BankCode, request.TransType, request.TransSeqId);
        answer.Detail.Set("RespCode", "0").Set("RespInfo", "成功").Set("ReqSeqID", request.Detail.Get("ReqSeqID") ?? "")
            .Set("UnifiedCode", "EC000").Set("ContractState", contractState).Set("OriginalCode", "");
        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.Body.WriteAsync(AtsyhCodec.WriteResponse(answer));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
