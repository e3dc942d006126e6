using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PayHub.Audit;
using PayHub.Protocols.Utility;

namespace PayHub.Utility;

/// <summary>
/// Rules for the envelope's common fields, the personal data the family's fields hold, and the
/// content fingerprint that tells a repeat from a reuse of a TranSeq.
/// </summary>
public static class UtilityFields
{
    /// <summary>Adds a line for every missing or malformed common field.</summary>
    public static void ValidateCommon(UtilityMessage request, ICollection<string> problems)
    {
        if (Required(request, "Version", problems) is { } version && version != UtilityEnvelope.Version)
        {
            problems.Add($"Version: must be {UtilityEnvelope.Version}");
        }

        Required(request, "InstId", problems);
        Required(request, "TranCode", problems);
        if (Required(request, "TranDate", problems) is { } tranDate && !IsDate(tranDate))
        {
            problems.Add("TranDate: must be a date yyyyMMdd");
        }

        if (Required(request, "TranSeq", problems) is { } tranSeq && !IsTranSeq(tranSeq))
        {
            problems.Add("TranSeq: must be 1 to 32 letters or digits");
        }
    }

    /// <summary>The value, or null after adding "name: required".</summary>
    public static string? Required(UtilityMessage request, string name, ICollection<string> problems)
    {
        var value = request.Get(name);
        if (value is null)
        {
            problems.Add(name + ": required");
        }

        return value;
    }

    /// <summary>Adds a problem when a present value is longer than the field allows.</summary>
    public static void MaxLength(UtilityMessage request, string name, int length, ICollection<string> problems)
    {
        if (request.Get(name) is { } value && value.Length > length)
        {
            problems.Add($"{name}: at most {length} characters");
        }
    }

    /// <summary>companyId and billKey, both required: the customer an operation is about.</summary>
    public static void ValidateCustomer(UtilityMessage request, ICollection<string> problems)
    {
        Required(request, "companyId", problems);
        Required(request, "billKey", problems);
        MaxLength(request, "companyId", 32, problems);
        MaxLength(request, "billKey", 64, problems);
    }

    /// <summary>A positive whole number of fen, at most 12 digits.</summary>
    public static bool IsFen(string value) => value.Length is >= 1 and <= 12 && value.All(char.IsAsciiDigit) && value.Any(c => c != '0');

    public static bool IsDate(string value) =>
        value.Length == 8 && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsTranSeq(string value) => value.Length is >= 1 and <= 32 && value.All(char.IsAsciiLetterOrDigit);

    /// <summary>Which personal data a field of this family holds.</summary>
    public static PersonalData Classify(string field) => field switch
    {
        "customerName" => PersonalData.Name,
        "customerPhone" => PersonalData.Phone,
        "customerAddress" => PersonalData.Address,
        "billKey" => PersonalData.Number,
        _ => PersonalData.None,
    };

    /// <summary>SHA-256 over the request's non-empty fields, sorted by name: the same business content gives the same value.</summary>
    public static string Fingerprint(UtilityMessage request)
    {
        var fields = new KeyValuePair<string, string>[request.Fields.Count];
        var count = 0;
        for (var i = 0; i < request.Fields.Count; i++)
        {
            if (request.Fields[i].Value.Length > 0)
            {
                fields[count++] = request.Fields[i];
            }
        }

        Array.Sort(fields, 0, count, FieldNameOrder.Instance);
        var canonical = t_canonical ??= new StringBuilder(1024);
        canonical.Clear();
        for (var i = 0; i < count; i++)
        {
            canonical.Append(fields[i].Key).Append('=').Append(fields[i].Value).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    [ThreadStatic]
    private static StringBuilder? t_canonical;

    private sealed class FieldNameOrder : IComparer<KeyValuePair<string, string>>
    {
        public static readonly FieldNameOrder Instance = new();

        public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y) => string.CompareOrdinal(x.Key, y.Key);
    }
}
