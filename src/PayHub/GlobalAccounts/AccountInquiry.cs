using PayHub.Protocols.GlobalAccounts;

namespace PayHub.GlobalAccounts;

/// <summary>
/// <c>inquiryAccount</c> (the seed): the customer's accounts of the asked accountType with their
/// status and currencies, the customer's company and certificates.
/// </summary>
public sealed class AccountInquiry(CustomerResolution customers) : IGlobalOperation
{
    public IReadOnlyList<string> Paths { get; } = ["/business/account/inquiryAccount"];

    public async Task<GlobalAnswer> AnswerAsync(GlobalCall call)
    {
        var (refusal, customer, holdings) = await customers.ResolveWithHoldingsAsync(call.Client, call.Body);
        if (refusal is not null)
        {
            return GlobalAnswer.Refuse(refusal);
        }

        var (accounts, certificates) = holdings!;
        var responseId = Guid.NewGuid().ToString("N");
        return new GlobalAnswer(ResultCode.Success, json =>
        {
            json.WriteStartArray("accountInfos");
            foreach (var (accountNo, status, currencies) in accounts)
            {
                json.WriteStartObject();
                json.WriteString("accountNo", accountNo);
                json.WriteString("accountStatus", status);
                json.WriteString("accountType", customer!.AccountType);
                json.WriteStartArray("currencyList");
                foreach (var currency in currencies.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    json.WriteStringValue(currency);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("customer");
            json.WriteStartArray("certificateList");
            foreach (var (type, number) in certificates)
            {
                json.WriteStartObject();
                json.WriteString("certificateNo", number);
                json.WriteString("certificateType", type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("customerCompanyName", customer!.CompanyName);
            json.WriteString("customerId", customer.CustomerId);
            json.WriteEndObject();
            json.WriteString("customerId", customer.CustomerId);
            json.WriteString("responseId", responseId);
        });
    }
}
