using System.Net;
using System.Text.Json;
using PayHub.Tests.Cli;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Admin;

/// <summary>
/// Admin tokens have a role: a read-only token (<c>payhub admin-token --read-only</c>) reads everything through the
/// admin API and changes nothing — every change is a 403 problem, journaled as refused — while a full token changes.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class AdminTokenRoleTests : IDisposable
{
    private readonly string _folder = TestDatabases.NewFolder("roles");

    public void Dispose() => TestDatabases.DeleteFolder(_folder);

    [Fact]
    public async Task A_read_only_token_reads_and_every_change_it_asks_for_is_refused_and_journaled()
    {
        using (var first = PayHubFactory.On(_folder))
        {
            using var created = first.CreateClient(); // creates the demo database
            Assert.Equal(HttpStatusCode.OK, (await created.GetAsync("/health/ready")).StatusCode);
        }

        var key = new Dictionary<string, string> { ["PAYHUB__MASTERKEY"] = PayHub.Secrets.MasterKey.Demo };
        var issued = await PayhubCommand.RunAsync(key, "admin-token", "--db", TestDatabases.For(_folder), "--label", "auditor", "--read-only");
        Assert.Equal(0, issued.ExitCode);
        var token = issued.Output.Trim();

        using var factory = PayHubFactory.On(_folder);
        using var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/admin/institutions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/admin/journal?limit=5")).StatusCode);

        var changes = new[]
        {
            await reader.PostAsync("/admin/sandbox/reset", null),
            await reader.PutAsJsonAsync("/admin/sandbox/clock", new { offsetMs = 1 }),
            await reader.DeleteAsync("/admin/sandbox/faults/utility/00001"),
            await reader.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045" }),
        };
        foreach (var refused in changes)
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Read-only admin token", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var admin = factory.Admin();
        var clock = await admin.GetFromJsonAsync<JsonElement>("/admin/sandbox/clock");
        Assert.Equal(0, clock.GetProperty("clocks").GetArrayLength()); // nothing was changed
        var journal = await admin.GetFromJsonAsync<JsonElement>("/admin/journal?family=admin&caller=auditor&code=403");
        Assert.Equal(4, journal.GetProperty("entries").GetArrayLength());
        Assert.All(journal.GetProperty("entries").EnumerateArray(), e => Assert.Equal("admin-role", e.GetProperty("refusedBy").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/admin/sandbox/clock", new { offsetMs = 1 })).StatusCode); // a full token changes
    }
}
