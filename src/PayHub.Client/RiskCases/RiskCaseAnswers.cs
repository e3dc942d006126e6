using System.Text.Json.Serialization;
using PayHub.Protocols.RiskCases;

namespace PayHub.Client.RiskCases;

/// <summary>The return code and message of every risk-case answer (compare with <see cref="RiskReturnCode"/>'s constants).</summary>
public record RiskAnswer
{
    /// <summary>10000 success, 10001–10006 refusals, 19999 internal error.</summary>
    [JsonPropertyName("return_code")]
    public int ReturnCode { get; init; }

    /// <summary>What a refusal means; empty on success.</summary>
    [JsonPropertyName("return_msg")]
    public string ReturnMsg { get => field ?? ""; init; }

    /// <summary>True for 10000.</summary>
    [JsonIgnore]
    public bool IsSuccess => ReturnCode == RiskReturnCode.Success;
}

/// <summary>One page of a query: the total of every page, and this page's rows (newest first).</summary>
public sealed record RiskCasePage : RiskAnswer
{
    /// <summary>The page's content; null on a refusal.</summary>
    [JsonPropertyName("data")]
    public RiskCaseRows? Data { get; init; }

    /// <summary>How many cases match, over every page.</summary>
    [JsonIgnore]
    public long Total => Data?.Total ?? 0;

    /// <summary>This page's cases.</summary>
    [JsonIgnore]
    public IReadOnlyList<RiskCase> Rows => Data?.Rows ?? [];
}

/// <summary>The <c>data</c> of a page.</summary>
public sealed record RiskCaseRows
{
    /// <summary>How many cases match.</summary>
    [JsonPropertyName("total")]
    public long Total { get; init; }

    /// <summary>This page's cases.</summary>
    [JsonPropertyName("rows")]
    public IReadOnlyList<RiskCase> Rows { get => field ?? []; init; }
}

/// <summary>A query: which page, how many rows, and the filters (all optional).</summary>
public sealed record RiskCaseQuery
{
    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Rows per page, 1 to 100.</summary>
    public int Rows { get; init; } = 20;

    /// <summary>One case.</summary>
    public string? CaseNo { get; init; }

    /// <summary>The merchant's direct agent (the caller or one below it).</summary>
    public string? AgentNo { get; init; }

    /// <summary>One merchant.</summary>
    public string? MercNum { get; init; }

    /// <summary>Created at or after, <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public string? CreateTimeStart { get; init; }

    /// <summary>Created at or before, <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public string? CreateTimeEnd { get; init; }
}

[JsonSerializable(typeof(RiskAnswer))]
[JsonSerializable(typeof(RiskCasePage))]
[JsonSerializable(typeof(RiskCase))]
internal sealed partial class RiskCasesJson : JsonSerializerContext;
