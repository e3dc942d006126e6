using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayHub.Utility;

public sealed record InstitutionView
{
    public string InstId { get; init; } = "";

    public string Name { get; init; } = "";

    public string ApiKeyPrefix { get; init; } = "";

    public bool HasBlockKey { get; init; }

    public bool HasTripleDesKey { get; init; }

    public long? RateLimitPerSecond { get; init; }

    public string CreatedAt { get; init; } = "";
}

/// <summary>A new institution. Keys in hex: the SM4/AES-128 key 32 digits, the 3DES key 48.</summary>
public sealed record InstitutionCreate(string? InstId, string? Name, string? BlockKeyHex, string? TripleDesKeyHex, int? RateLimitPerSecond);

/// <summary>Changes an institution: name and rate limit as given (null: no limit); a key given replaces the stored one, a key left out stays.</summary>
public sealed record InstitutionUpdate(string? Name, string? BlockKeyHex, string? TripleDesKeyHex, int? RateLimitPerSecond);

/// <summary>The API key in clear: shown this once, stored only as a hash.</summary>
public sealed record ApiKeyIssued(string InstId, string ApiKey, string ApiKeyPrefix);

public sealed record CompanyView
{
    public string CompanyId { get; init; } = "";

    public string Name { get; init; } = "";
}

public sealed record CustomerView
{
    public string CompanyId { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string? ContractNo { get; init; }

    public string Name { get; init; } = "";

    public string Phone { get; init; } = "";

    public string Address { get; init; } = "";

    public long CustomerStatus { get; init; }

    public long ServiceStatus { get; init; }

    public string RegisterDate { get; init; } = "";
}

public sealed record CustomerChange(
    string? BillKey, string? ContractNo, string? Name, string? Phone, string? Address,
    int? CustomerStatus, int? ServiceStatus, string? RegisterDate);

public sealed record PaymentView
{
    public long Id { get; init; }

    public string CompanyId { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string PayDate { get; init; } = "";

    public long AmountFen { get; init; }

    public string InstId { get; init; } = "";

    public string TranDate { get; init; } = "";

    public string TranSeq { get; init; } = "";

    public string Channel { get; init; } = "";

    public string? ReversedAt { get; init; }
}

/// <summary>A payment recorded by an operator (e.g. taken at a counter), in fen.</summary>
public sealed record PaymentCreate(string? PayDate, long? AmountFen, string? InstId, string? TranSeq, string? Channel);

public sealed record BillView
{
    public string CompanyId { get; init; } = "";

    public string BillNo { get; init; } = "";

    public string BillKey { get; init; } = "";

    public string BillMonth { get; init; } = "";

    public long AmountFen { get; init; }

    public long LateFeeFen { get; init; }

    public long? PaymentId { get; init; }
}

/// <summary>A monthly bill issued by the operator; the bill number defaults to B + company + billKey + month.</summary>
public sealed record BillCreate(string? BillNo, string? BillMonth, long? AmountFen, long? LateFeeFen);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InstitutionView))]
[JsonSerializable(typeof(List<InstitutionView>))]
[JsonSerializable(typeof(InstitutionCreate))]
[JsonSerializable(typeof(InstitutionUpdate))]
[JsonSerializable(typeof(ApiKeyIssued))]
[JsonSerializable(typeof(CompanyView))]
[JsonSerializable(typeof(List<CompanyView>))]
[JsonSerializable(typeof(CustomerView))]
[JsonSerializable(typeof(List<CustomerView>))]
[JsonSerializable(typeof(CustomerChange))]
[JsonSerializable(typeof(PaymentView))]
[JsonSerializable(typeof(List<PaymentView>))]
[JsonSerializable(typeof(PaymentCreate))]
[JsonSerializable(typeof(BillView))]
[JsonSerializable(typeof(List<BillView>))]
[JsonSerializable(typeof(BillCreate))]
public sealed partial class UtilityAdminJson : JsonSerializerContext;
