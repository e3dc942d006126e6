using System.Text.Json;
using System.Text.Json.Serialization;
using PayHub.Agreements.Channels;

namespace PayHub.Agreements;

public sealed record ChannelView(
    string BankCode,
    string Name,
    string Kind,
    IReadOnlyList<string> CommandCodes,
    int TimeoutMs,
    JsonElement Settings,
    bool HasSecret,
    bool Enabled,
    long Version,
    long UnmappedCodesSinceStart);

/// <summary>
/// A channel as an operator gives it. <c>Settings</c> are the kind's own (simulated:
/// <c>vocabulary</c>, <c>fixedCode</c>; http: <c>url</c>, <c>clientId</c>, <c>remoteBankCode</c>);
/// <c>Secret</c> is the http kind's secret at the remote (stored sealed, never shown).
/// </summary>
public sealed record ChannelChange(
    string? BankCode,
    string? Name,
    string? Kind,
    IReadOnlyList<string>? CommandCodes,
    int? TimeoutMs,
    JsonElement? Settings,
    string? Secret,
    bool? Enabled);

public sealed record FrontEndView
{
    public string ClientId { get; init; } = "";

    public string Name { get; init; } = "";

    public string SecretPrefix { get; init; } = "";

    public long? RateLimitPerSecond { get; init; }

    public string CreatedAt { get; init; } = "";
}

public sealed record FrontEndChange(string? ClientId, string? Name, int? RateLimitPerSecond);

/// <summary>A front-end's HMAC secret in clear: shown this once (the server keeps it sealed).</summary>
public sealed record FrontEndSecretIssued(string ClientId, string Secret);

public sealed record AgreementEventView
{
    public string At { get; init; } = "";

    public string Actor { get; init; } = "";

    public string TransType { get; init; } = "";

    public string Step { get; init; } = "";

    public string ReqSeqId { get; init; } = "";

    public string OriginalCode { get; init; } = "";

    public string UnifiedCode { get; init; } = "";

    public string FromState { get; init; } = "";

    public string ToState { get; init; } = "";

    public string Note { get; init; } = "";
}

public sealed record AgreementView(
    long Id,
    string BankCode,
    string PayAct,
    string RecAct,
    string PolicyNo,
    string? AuthCode,
    string State,
    string? OpenStep,
    int CodeAttempts,
    string? UnknownStep,
    string PayName,
    string RecName,
    string CellPhone,
    string DeadLine,
    string SingleLimit,
    IReadOnlyList<AgreementEventView> History);

public sealed record SmsView
{
    public long MessageId { get; init; }

    public string BankCode { get; init; } = "";

    public string CellPhone { get; init; } = "";

    public string Code { get; init; } = "";

    public string Text { get; init; } = "";

    public string SentAt { get; init; } = "";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DspAnswer))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(List<ChannelView>))]
[JsonSerializable(typeof(ChannelChange))]
[JsonSerializable(typeof(CodeMapEntry))]
[JsonSerializable(typeof(List<CodeMapEntry>))]
[JsonSerializable(typeof(FrontEndView))]
[JsonSerializable(typeof(List<FrontEndView>))]
[JsonSerializable(typeof(FrontEndChange))]
[JsonSerializable(typeof(FrontEndSecretIssued))]
[JsonSerializable(typeof(AgreementView))]
[JsonSerializable(typeof(List<AgreementView>))]
[JsonSerializable(typeof(List<SmsView>))]
public sealed partial class AgreementJson : JsonSerializerContext;
