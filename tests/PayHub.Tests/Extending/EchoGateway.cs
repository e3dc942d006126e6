using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Protocols.Utility;
using PayHub.Protocols.Xml;
using PayHub.Utility;

namespace PayHub.Tests.Extending;

/// <summary>
/// Step 2 of docs/extending.md: a minimal fifth family. <c>POST /echo</c> takes the utility envelope
/// from an institution (its X-API-Key), within its rate limit, and answers the request's fields back
/// with RespCode AAAAAAA; a body holding <c>&lt;Boom&gt;</c> makes answering throw.
/// </summary>
public sealed class EchoGateway(InstitutionDirectory institutions) : IPaymentInterface<EchoExchange, EchoAnswer>
{
    public EchoExchange Open(ExchangeStart start) => new(start);

    public async Task<EchoAnswer> AnswerAsync(EchoExchange exchange)
    {
        var apiKey = exchange.Http.Request.Headers["X-API-Key"].ToString();
        var institution = apiKey.Length == 0 ? null : await institutions.FindByApiKeyAsync(apiKey, exchange.Http.RequestAborted);
        if (institution is null)
        {
            return EchoAnswer.Refuse(UtilityRespCode.Unauthorized, "unknown X-API-Key");
        }

        exchange.Caller = institution.InstId;
        if (!exchange.TryAcquireRate(institution.InstId, institution.RateLimitPerSecond))
        {
            return EchoAnswer.Refuse(UtilityRespCode.RateLimited, "too many requests");
        }

        var body = await exchange.ReadBodyAsync();
        var read = body is null ? null : UtilityXmlCodec.Read(body, null, UtilityMessage.RequestRoot);
        if (read?.Message is not { } request)
        {
            return EchoAnswer.Refuse(UtilityRespCode.Unreadable, read?.Problem ?? exchange.BodyProblem);
        }

        exchange.Request = request;
        if (request.Get("Boom") is not null)
        {
            throw new InvalidOperationException("the echo family was asked to fail");
        }

        return new EchoAnswer("AAAAAAA", "echoed", request.Fields);
    }

    public EchoAnswer Failed(EchoExchange exchange) => EchoAnswer.Refuse(UtilityRespCode.SystemError, "system error");

    public AuditEntry AuditOf(EchoExchange exchange, EchoAnswer answer) => exchange.AuditOf(answer);

    public Task SendAsync(EchoExchange exchange, EchoAnswer answer)
    {
        var message = UtilityEnvelope.Response(exchange.Request, "Echo", answer.RespCode, answer.RespMessage, answer.Fields);
        var body = UtilityXmlCodec.Write(message, XmlCharsets.Gbk, "GBK");
        return Results.Bytes(body, "application/xml; charset=GBK").ExecuteAsync(exchange.Http);
    }
}
