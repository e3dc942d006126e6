using PayHub.Audit;
using PayHub.Exchanges;
using PayHub.Protocols.Utility;

namespace PayHub.Tests.Extending;

/// <summary>Step 1 of docs/extending.md: one request to the echo family.</summary>
public sealed class EchoExchange(ExchangeStart start) : Exchange(start, "echo")
{
    public UtilityMessage? Request { get; set; }

    public string? Caller { get; set; }

    public AuditEntry AuditOf(EchoAnswer answer) =>
        new(Family, "echo", Caller ?? "-", Request?.Get("TranSeq") ?? "", answer.RespCode, ElapsedMs, RequestId, "{}", "{}");
}
