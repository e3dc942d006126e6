using System.Globalization;
using System.Text.Json;
using PayHub.Protocols.GlobalAccounts;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// <c>inquiryBalance</c>, shaped after WorldFirst's own: the customer is identified as for
/// inquiryAccount; optional <c>currencyList</c> narrows the currencies. Each balance line is an
/// account and currency with <c>availableBalance</c>, <c>frozenBalance</c> and <c>totalBalance</c>,
/// each an Amount <c>{currency, value}</c> whose value is in the currency's minor units (USD 10.50
/// is "1050", JPY 1000 is "1000"), computed from stored decimals, never floating point.
/// </summary>
public sealed class BalanceInquiry(CustomerResolution customers, Database database) : IGlobalOperation
{
    public string Path => "/amsin/api/v1/business/account/inquiryBalance";

    public Task<GlobalAnswer> AnswerAsync(GlobalCall call)
    {
        var currencies = ReadCurrencies(call.Body, out var problem);
        if (problem is not null)
        {
            return Task.FromResult(GlobalAnswer.Refuse(ResultCode.ParamIllegal.With(problem)));
        }

        var (refusal, customer) = customers.Resolve(call.Client, call.Body);
        if (refusal is not null)
        {
            return Task.FromResult(GlobalAnswer.Refuse(refusal));
        }

        var balances = database.Read(db =>
        {
            using var reader = db.Query(
                """
                SELECT b.account_no, b.currency, b.available, b.frozen FROM ga_balances b JOIN ga_accounts a ON a.account_no = b.account_no
                WHERE a.customer_id = @p0 AND a.account_type = @p1 ORDER BY b.account_no, b.currency
                """,
                customer!.CustomerId,
                customer.AccountType);
            var lines = new List<(string AccountNo, string Currency, decimal Available, decimal Frozen)>();
            while (reader.Read())
            {
                var currency = reader.GetString(1);
                if (currencies is null || currencies.Contains(currency))
                {
                    lines.Add((reader.GetString(0), currency, decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture), decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
                }
            }

            return lines;
        });
        var responseId = Guid.NewGuid().ToString("N");
        return Task.FromResult(new GlobalAnswer(ResultCode.Success, json =>
        {
            json.WriteStartArray("accountBalances");
            foreach (var (accountNo, currency, available, frozen) in balances)
            {
                json.WriteStartObject();
                json.WriteString("accountNo", accountNo);
                json.WriteString("accountType", customer!.AccountType);
                WriteAmount(json, "availableBalance", currency, available);
                json.WriteString("currency", currency);
                WriteAmount(json, "frozenBalance", currency, frozen);
                WriteAmount(json, "totalBalance", currency, available + frozen);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("customerId", customer!.CustomerId);
            json.WriteString("responseId", responseId);
        }));
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
