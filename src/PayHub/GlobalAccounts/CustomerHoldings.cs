namespace PayHub.GlobalAccounts;

/// <summary>What inquiryAccount shows of a customer: its accounts of the asked accountType (number, status, space-separated currencies) and its certificates (type, number).</summary>
public sealed record CustomerHoldings(List<(string AccountNo, string Status, string Currencies)> Accounts, List<(string Type, string Number)> Certificates)
{
    /// <summary>Adds one row of the store's holdings statement: part 1 an account, part 2 a certificate.</summary>
    internal void Add(long part, string first, string second, string third)
    {
        if (part == 1)
        {
            Accounts.Add((first, second, third));
        }
        else
        {
            Certificates.Add((first, second));
        }
    }
}
