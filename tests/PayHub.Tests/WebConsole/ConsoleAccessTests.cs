using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PayHub.Tests.Utility;

namespace PayHub.Tests.WebConsole;

/// <summary>
/// The console's door, through HTTP as a browser without script would use it: a session instead of the token,
/// cookie flags, anti-forgery on every change, the read-only role, sign-out, and the admin API staying bearer-only.
/// </summary>
public sealed class ConsoleAccessTests : IDisposable
{
    private readonly PayHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private HttpClient Browser(bool redirects = true) =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = redirects, HandleCookies = true });

    [Fact]
    public async Task Without_a_session_every_page_redirects_to_sign_in_and_the_root_leads_to_the_console()
    {
        using var browser = Browser(redirects: false);
        var root = await browser.GetAsync("/");
        Assert.Equal("/console", root.Headers.Location?.OriginalString);

        foreach (var page in new[] { "/console/journal", "/console/callers", "/console/dsp?bankCode=9901", "/console/sandbox" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/console/sign-in?returnUrl=" + Uri.EscapeDataString(page), response.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/console/journal/stream")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_keeps_a_session_id_in_an_http_only_strict_cookie_never_the_token()
    {
        using var browser = Browser(redirects: false);
        var user = new ConsoleUser(browser);
        await user.PageAsync("/console/sign-in");
        var wrong = await user.PostAsync("/console/sign-in", new() { ["token"] = "not-a-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That is not an admin token of this PayHub.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signedIn = await user.PostAsync("/console/sign-in", new() { ["token"] = "demo-admin-token", ["returnUrl"] = "/console/callers" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console/callers", signedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("payhub_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; ConsoleAcrossNodesTests sees Secure behind a proxy
        Assert.DoesNotContain("demo-admin-token", cookie, StringComparison.Ordinal);

        // The database keeps neither the token nor the session id.
        var sessionId = cookie.Split(';')[0]["payhub_console=".Length..];
        using var db = _factory.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT session_hash || label || role FROM console_sessions";
        var rows = new List<string>();
        using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => r.Contains(sessionId, StringComparison.Ordinal) || r.Contains("demo-admin-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_without_the_pages_anti_forgery_token_or_with_another_sessions_is_refused_and_changes_nothing()
    {
        var user = await ConsoleUser.SignInAsync(Browser());
        var other = await ConsoleUser.SignInAsync(Browser());
        await user.PageAsync("/console/callers");
        await other.PageAsync("/console/callers");
        var disable = new Dictionary<string, string> { ["route.instId"] = "00001", ["back"] = "/console/callers" };

        var missing = await user.PostAsync("/console/do/DisableInstitution", new(disable) { ["__af"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("This form has expired", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var foreign = await user.PostAsync("/console/do/DisableInstitution", new(disable) { ["__af"] = other.FormToken });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("AAAAAAA", (await new UtilityCaller(_factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck())).RespCode);

        var done = await user.PostAsync("/console/do/DisableInstitution", disable);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("<td>00001</td>", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal); // back on the callers page
        Assert.Equal(PayHub.Protocols.Utility.UtilityRespCode.Unauthorized, (await new UtilityCaller(_factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck())).RespCode);

        // The change is in the journal under the token's label.
        using var admin = _factory.Admin();
        var journal = await admin.GetStringAsync("/admin/journal?family=admin&caller=demo&limit=20");
        Assert.Contains("POST /console/do/DisableInstitution", journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_token_sees_every_page_and_every_change_is_refused()
    {
        string token;
        using (var admin = _factory.Admin())
        {
            token = await ReadOnlyTokenAsync();
        }

        var reader = await ConsoleUser.SignInAsync(Browser(), token);
        foreach (var page in new[] { "/console/journal", "/console/callers", "/console/utility", "/console/dsp", "/console/global", "/console/risk", "/console/sandbox" })
        {
            Assert.Contains("Read-only access", await reader.PageAsync(page), StringComparison.Ordinal);
        }

        await reader.PageAsync("/console/callers");
        var refused = await reader.PostAsync("/console/do/RotateInstitutionApiKey", new() { ["route.instId"] = "00001", ["back"] = "/console/callers" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("read-only admin token", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("AAAAAAA", (await new UtilityCaller(_factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck())).RespCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copy_of_its_cookie()
    {
        using var browser = Browser(redirects: false);
        var user = new ConsoleUser(browser);
        await user.PageAsync("/console/sign-in");
        var signedIn = await user.PostAsync("/console/sign-in", new() { ["token"] = "demo-admin-token" });
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("payhub_console=", StringComparison.Ordinal)).Split(';')[0];
        await user.PageAsync("/console/journal");
        var signedOut = await user.PostAsync("/console/sign-out", []);
        Assert.Equal("/console/sign-in", signedOut.Headers.Location?.OriginalString);

        using var copy = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/journal");
        request.Headers.Add("Cookie", cookie);
        var replayed = await copy.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/console/sign-in", replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_does_not_accept_the_consoles_cookie()
    {
        var user = await ConsoleUser.SignInAsync(Browser());
        Assert.Contains("Journal", await user.PageAsync("/console/journal"), StringComparison.Ordinal);
        var response = await user.Http.GetAsync("/admin/institutions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/institutions/00001/disable");
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Http.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task An_api_key_rotated_without_overlap_stops_at_once_and_with_overlap_works_until_the_window_ends()
    {
        var user = await ConsoleUser.SignInAsync(Browser());
        await user.PageAsync("/console/callers");
        var rotated = await user.PostAsync("/console/do/RotateInstitutionApiKey", new() { ["route.instId"] = "00001", ["query.overlapSeconds"] = "0", ["back"] = "/console/callers" });
        var first = IssuedKey(await rotated.Content.ReadAsStringAsync());
        var bank = new UtilityCaller(_factory.CreateClient());
        Assert.Equal(PayHub.Protocols.Utility.UtilityRespCode.Unauthorized, (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: UtilityCaller.ApiKey)).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: first)).RespCode);

        await user.PageAsync("/console/callers");
        var overlapping = await user.PostAsync("/console/do/RotateInstitutionApiKey", new() { ["route.instId"] = "00001", ["query.overlapSeconds"] = "600", ["back"] = "/console/callers" });
        var second = IssuedKey(await overlapping.Content.ReadAsStringAsync());
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: first)).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: second)).RespCode);
        Assert.Contains("previousKeyUntil", await user.PageAsync("/console/callers"), StringComparison.Ordinal);

        _factory.Clock.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal(PayHub.Protocols.Utility.UtilityRespCode.Unauthorized, (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: first)).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: second)).RespCode);
    }

    [Fact]
    public async Task An_entry_shows_bytes_as_received_in_the_charset_the_family_read_them_in()
    {
        var frontEnd = new PayHub.Tests.Agreements.DspCaller(_factory.CreateClient());
        var answered = await frontEnd.SendAsync(PayHub.Tests.Agreements.DspCaller.Step("Contract", "01", PayHub.Tests.Agreements.DspCaller.NewPayAct()));
        var bank = await new UtilityCaller(_factory.CreateClient()).SendAsync(UtilityCaller.CustomerCheck());
        Assert.Equal("AAAAAAA", bank.RespCode);
        using var admin = _factory.Admin();
        long IdOf(System.Text.Json.JsonElement page) => page.GetProperty("entries")[0].GetProperty("id").GetInt64();
        var dspId = IdOf(await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/admin/journal?family=dsp&code={answered.UnifiedCode}&limit=1"));
        var utilityId = IdOf(await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/admin/journal?family=utility&code=AAAAAAA&limit=1"));
        var user = await ConsoleUser.SignInAsync(Browser());

        var dsp = await user.PageAsync($"/console/journal/{dspId}");      // UTF-8, as the ATSYH body declares nothing
        var utility = await user.PageAsync($"/console/journal/{utilityId}"); // GBK, as its XML declares
        Assert.Contains("名侦探悟空", dsp, StringComparison.Ordinal);
        Assert.Contains("cat &lt;&lt;&#x27;BODY&#x27;", dsp, StringComparison.Ordinal);
        Assert.Contains("encoding=&quot;GBK&quot;", utility, StringComparison.Ordinal);
        Assert.Contains("<billKey>123456</billKey>".Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal), utility, StringComparison.Ordinal);
        Assert.Contains("iconv -f UTF-8 -t GBK", utility, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', dsp + utility);
    }

    private static string IssuedKey(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-field=\"apiKey\">([^<]+)<");
        Assert.True(match.Success, "the page shows the new key once");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<string> ReadOnlyTokenAsync()
    {
        var key = new Dictionary<string, string> { ["PAYHUB__MASTERKEY"] = PayHub.Secrets.MasterKey.Demo };
        var issued = await Cli.PayhubCommand.RunAsync(key, "admin-token", "--db", _factory.DatabasePath, "--label", "auditor", "--read-only");
        Assert.Equal(0, issued.ExitCode);
        return issued.Output.Trim();
    }
}
