using System.Globalization;
using System.Text.RegularExpressions;

namespace PayHub.Protocols.Agreements;

/// <summary>
/// Field validation of an ATSYH request: the seed's table (2.1, 2.2) for Contract and DeContract,
/// SPEC.md's rules for QryContract and the formats. Every violation is named, in field order,
/// as <c>Field: problem</c>.
/// </summary>
public static partial class AtsyhValidation
{
    /// <summary>Required in every Contract and DeContract DetailRecord (the seed's table 2.2).</summary>
    public static IReadOnlyList<string> RequiredForSteps { get; } =
        ["PayAct", "PayName", "PayBankCode", "RecAct", "RecName", "RecBankCode", "PayAmount", "ReqSeqID", "CellPhone", "Step"];

    private const int MaxLength = 64;
    private const int MaxNameLength = 100;

    public static List<string> Problems(AtsyhRequest request)
    {
        var problems = new List<string>();
        foreach (var name in (string[])["BankCode", "TransType", "CommandCode"])
        {
            if (request.Header.Value(name) is null)
            {
                problems.Add(name + ": required");
            }
        }

        if (request.TransType is { Length: > 0 } transType && !TransType.IsKnown(transType))
        {
            problems.Add("TransType: must be Contract, DeContract or QryContract");
        }

        if (request.Header.Value("TransTime") is { } time && !DateTime.TryParseExact(time, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add("TransTime: not yyyy-MM-dd HH:mm:ss");
        }

        foreach (var name in (string[])["BankCode", "CommandCode", "TransSeqID"])
        {
            if (request.Header.Get(name) is { Length: > MaxLength })
            {
                problems.Add($"{name}: longer than {MaxLength}");
            }
        }

        var detail = request.Detail;
        if (request.TransType == TransType.QryContract)
        {
            Require(detail, "ReqSeqID", problems);
            if (detail.Value("AuthCode") is null)
            {
                foreach (var name in (string[])["PayAct", "RecAct"])
                {
                    if (detail.Value(name) is null)
                    {
                        problems.Add(name + ": required without AuthCode");
                    }
                }
            }
        }
        else if (request.TransType is TransType.Contract or TransType.DeContract)
        {
            foreach (var name in RequiredForSteps)
            {
                Require(detail, name, problems);
            }

            if (detail.Value("Step") == TransType.Confirm && detail.Value("SmsCode") is null)
            {
                problems.Add("SmsCode: required at step 02");
            }
        }

        CheckFormats(detail, problems);
        return problems;
    }

    private static void Require(AtsyhFields detail, string name, List<string> problems)
    {
        if (detail.Value(name) is null)
        {
            problems.Add(name + ": required");
        }
    }

    private static void CheckFormats(AtsyhFields detail, List<string> problems)
    {
        foreach (var (name, value) in detail.All)
        {
            if (value.Length == 0)
            {
                continue;
            }

            var problem = name switch
            {
                "PayAmount" or "SingleLimit" when !Amount().IsMatch(value) => "not an amount (yuan with two decimals, e.g. 667.00)",
                "DeadLine" when !DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "not a date yyyyMMdd",
                "CellPhone" when !CellPhone().IsMatch(value) => "not 11 digits starting with 1",
                "CardType" when value is not ("2" or "3") => "must be 2 (debit) or 3 (credit)",
                "IsPrivate" when value is not ("0" or "1") => "must be 0 or 1",
                "Step" when value is not (TransType.Apply or TransType.Confirm) => "must be 01 or 02",
                "PayName" or "RecName" or "Memo" or "InsureName" when value.Length > MaxNameLength => $"longer than {MaxNameLength}",
                "PayName" or "RecName" or "Memo" or "InsureName" => null,
                _ when value.Length > MaxLength => $"longer than {MaxLength}",
                _ => null,
            };
            if (problem is not null)
            {
                problems.Add($"{name}: {problem}");
            }
        }
    }

    [GeneratedRegex(@"^[0-9]{1,13}\.[0-9]{2}$")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^1[0-9]{10}$")]
    private static partial Regex CellPhone();
}
