using System.Text.Json;
using PayHub.WebConsole.Pages;

namespace PayHub.WebConsole;

/// <summary>Each family's state, read through the admin API's handlers; the changes go through <see cref="ConsoleActions"/>.</summary>
public static class FamilyPages
{
    public static RouteGroupBuilder MapFamilyPages(this RouteGroupBuilder console)
    {
        console.MapGet("/utility", async (HttpContext http, string? companyId, string? billKey) =>
        {
            var companies = await AdminCalls.ReadAsync(http, "ListCompanies");
            var customers = companyId is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "ListCustomers", new() { ["companyId"] = companyId }) : null;
            var payments = companyId is { Length: > 0 } && billKey is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "ListPayments", new() { ["companyId"] = companyId, ["billKey"] = billKey }) : null;
            var bills = companyId is { Length: > 0 } && billKey is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "ListBills", new() { ["companyId"] = companyId, ["billKey"] = billKey }) : null;
            var institutions = await AdminCalls.ReadAsync(http, "ListInstitutions");
            return ConsoleEndpoints.Page<UtilityState>(http, new()
            {
                ["Companies"] = companies, ["Customers"] = customers, ["Payments"] = payments, ["Bills"] = bills, ["Institutions"] = institutions,
                ["CompanyId"] = companyId, ["BillKey"] = billKey,
            });
        });

        console.MapGet("/utility/reconciliation", async (HttpContext http, string? instId, string? tranDate) =>
        {
            var answer = await AdminCalls.CallAsync(http, "DownloadReconciliation", new Dictionary<string, string> { ["instId"] = instId ?? "", ["tranDate"] = tranDate ?? "" });
            return answer.Succeeded
                ? Results.Text(answer.Text, "text/plain; charset=utf-8")
                : ConsoleEndpoints.Page<ActionResult>(http, new() { ["Heading"] = "No reconciliation file", ["Json"] = answer.Json, ["Back"] = "/console/utility" });
        });

        console.MapGet("/dsp", async (HttpContext http, string? bankCode, string? authCode) =>
        {
            var channels = await AdminCalls.ReadAsync(http, "ListChannels");
            var codes = bankCode is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "ListChannelCodes", new() { ["bankCode"] = bankCode }) : null;
            var agreement = authCode is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "GetAgreement", new() { ["authCode"] = authCode }) : null;
            var agreements = await AdminCalls.ReadAsync(http, "ListAgreements", query: "limit=20");
            var sms = await AdminCalls.ReadAsync(http, "ListSms", query: "limit=10");
            return ConsoleEndpoints.Page<DspState>(http, new()
            {
                ["Channels"] = channels, ["Codes"] = codes, ["Agreement"] = agreement, ["Agreements"] = agreements, ["Sms"] = sms,
                ["BankCode"] = bankCode, ["AuthCode"] = authCode,
            });
        });

        console.MapGet("/global", async (HttpContext http) =>
        {
            var customers = await AdminCalls.ReadAsync(http, "ListGlobalCustomers");
            var integrators = await AdminCalls.ReadAsync(http, "ListIntegrators");
            var authorisations = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
            foreach (var clientId in integrators is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(i => JsonTable.Field(i, "clientId")) : [])
            {
                authorisations[clientId] = await AdminCalls.ReadAsync(http, "ListIntegratorCustomers", new() { ["clientId"] = clientId });
            }

            return ConsoleEndpoints.Page<GlobalState>(http, new() { ["Customers"] = customers, ["Integrators"] = integrators, ["Authorisations"] = authorisations });
        });

        console.MapGet("/risk", async (HttpContext http, string? caseNo, string? state) =>
        {
            var deliveries = await AdminCalls.ReadAsync(http, "ListRiskDeliveries", query: state is { Length: > 0 } ? "state=" + Uri.EscapeDataString(state) : null);
            var found = caseNo is { Length: > 0 } ? await AdminCalls.ReadAsync(http, "GetRiskCase", new() { ["caseNo"] = caseNo }) : null;
            var merchants = await AdminCalls.ReadAsync(http, "ListRiskMerchants");
            return ConsoleEndpoints.Page<RiskState>(http, new()
            {
                ["Deliveries"] = deliveries, ["Case"] = found, ["Merchants"] = merchants, ["CaseNo"] = caseNo, ["State"] = state,
            });
        });
        return console;
    }
}
