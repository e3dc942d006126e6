using System.Globalization;
using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// <c>inquiryBalance</c>, as WorldFirst's own: the customer is named by the <c>Connected-CustomerId</c>
/// header (its customerId, for a partner managing its account) or the <c>Access-Token</c> header (from
/// applyToken); as an extension, by the body's <c>accountType</c> and identifier as for inquiryAccount.
/// Optional <c>currencyList</c> narrows the currencies, optional <c>balanceTypes</c>
/// (<c>NORMAL_BALANCE</c>, the default, and <c>SAME_NAME_TOP_UP_BALANCE</c>, of which PayHub keeps none)
/// the kinds of balance. Each line of <c>accountBalances</c> is an account and currency with
/// <c>balanceType</c>, <c>availableBalance</c>, <c>frozenBalance</c> and <c>totalBalance</c>, each an Amount
/// <c>{currency, value}</c> whose value is in the currency's minor units (USD 10.50 is "1050", JPY 1000 is
/// "1000"), computed from stored decimals, never floating point.
/// </summary>
public sealed class BalanceInquiry(CustomerResolution customers, Database database) : IGlobalOperation
{
    public const string NormalBalance = "NORMAL_BALANCE";
    public const string SameNameTopUpBalance = "SAME_NAME_TOP_UP_BALANCE";

    public IReadOnlyList<string> Paths { get; } = ["/business/account/inquiryBalance"];

    public async Task<GlobalAnswer> AnswerAsync(GlobalCall call)
    {
        var currencies = ReadCurrencies(call.Body, out var problem);
        var balanceTypes = problem is null ? ReadBalanceTypes(call.Body, out problem) : null;
        if (problem is not null)
        {
            return GlobalAnswer.Refuse(ResultCode.ParamIllegal.With(problem));
        }

        var named = await customers.ResolveByHeaderAsync(call.Client, call.Headers);
        if (named is null && !call.Body.TryGetProperty("accountType", out _))
        {
            return GlobalAnswer.Refuse(ResultCode.ParamIllegal.With("name the customer by the Connected-CustomerId or the Access-Token header"));
        }

        var (refusal, customer) = named ?? await customers.ResolveAsync(call.Client, call.Body);
        if (refusal is not null)
        {
            return GlobalAnswer.Refuse(refusal);
        }

        // PayHub keeps normal balances only: asking for same-name top-up balances alone lists none.
        var balances = !balanceTypes!.Contains(NormalBalance) ? [] : (await database.ReadAsync(db => GlobalCustomerStore.BalancesAsync(db, customer!.CustomerId, customer.AccountType)))
            .Where(line => (currencies is null || currencies.Contains(line.Currency)) && call.Client.AccountTypes.Contains(line.AccountType))
            .ToList();
        var responseId = Guid.NewGuid().ToString("N");
        return new GlobalAnswer(ResultCode.Success, json =>
        {
            json.WriteStartArray("accountBalances");
            foreach (var (accountNo, accountType, currency, available, frozen) in balances)
            {
                json.WriteStartObject();
                json.WriteString("accountNo", accountNo);
                json.WriteString("accountType", accountType);
                WriteAmount(json, "availableBalance", currency, available);
                json.WriteString("balanceType", NormalBalance);
                json.WriteString("currency", currency);
                WriteAmount(json, "frozenBalance", currency, frozen);
                WriteAmount(json, "totalBalance", currency, available + frozen);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("customerId", customer!.CustomerId);
            json.WriteString("responseId", responseId);
        });
    }

    /// <summary>Digits after the decimal point of a currency (ISO 4217): 0 for JPY, KRW …, 3 for BHD …, else 2.</summary>
    public static int MinorUnits(string currency) => currency switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "UGX" or "XAF" or "XOF" or "PYG" or "RWF" or "KMF" or "GNF" or "VUV" or "XPF" or "DJF" or "BIF" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" or "LYD" or "IQD" => 3,
        _ => 2,
    };

    /// <summary>An amount in minor units; an amount with more decimals than the currency has is refused when stored, so this is exact.</summary>
    public static string MinorValue(string currency, decimal amount)
    {
        var scaled = amount;
        for (var i = 0; i < MinorUnits(currency); i++)
        {
            scaled *= 10;
        }

        return decimal.Truncate(scaled).ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteAmount(Utf8JsonWriter json, string name, string currency, decimal amount)
    {
        json.WriteStartObject(name);
        json.WriteString("currency", currency);
        json.WriteString("value", MinorValue(currency, amount));
        json.WriteEndObject();
    }

    private static HashSet<string>? ReadBalanceTypes(JsonElement body, out string? problem)
    {
        problem = null;
        if (!body.TryGetProperty("balanceTypes", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [NormalBalance];
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > 2
            || list.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String || t.GetString() is not (NormalBalance or SameNameTopUpBalance)))
        {
            problem = $"balanceTypes must be an array of {NormalBalance} and/or {SameNameTopUpBalance}";
            return null;
        }

        return list.EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string>? ReadCurrencies(JsonElement body, out string? problem)
    {
        problem = null;
        if (!body.TryGetProperty("currencyList", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > 50
            || list.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || c.GetString() is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper)))
        {
            problem = "currencyList must be an array of ISO 4217 currency codes (at most 50)";
            return null;
        }

        return list.EnumerateArray().Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal);
    }
}
