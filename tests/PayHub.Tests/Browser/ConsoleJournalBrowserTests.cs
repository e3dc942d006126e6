using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PayHub.Protocols.RiskCases;
using PayHub.Tests.MultiNode;
using PayHub.Tests.RiskCases;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Browser;

/// <summary>
/// The console in Chromium against a real PayHub: refusals appear in the live journal as clients send them, a sign
/// failure shows the exact string PayHub signed (checked against an independent MD5), every page passes axe and shows
/// Chinese text, and signing out leaves the console closed.
/// </summary>
[Collection(NodeProcesses.Name)]
[Trait("Category", "Browser")]
public sealed class ConsoleJournalBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Refusals_appear_in_the_live_journal_and_a_sign_failure_shows_the_string_PayHub_signed()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        await console.SignInAsync();
        var journal = console.Page.Locator("#journal");
        await Assertions.Expect(journal).ToHaveAttributeAsync("data-live", "on", new() { Timeout = 30_000 });

        // Two clients make mistakes while the page is open.
        var bank = await new UtilityCaller(console.Node.Client()).SendAsync(UtilityCaller.CustomerCheck(), apiKey: "uak_not-a-key-of-this-hub");
        Assert.Equal(PayHub.Protocols.Utility.UtilityRespCode.Unauthorized, bank.RespCode);
        var query = new JsonObject { ["page"] = 1, ["rows"] = 5, ["accessid"] = RiskCaller.AccessId };
        var agent = await new RiskCaller(console.Node.Client()).PostAsync("/risk/case/query", query.DeepClone().AsObject(), sign: "0123456789ABCDEF0123456789ABCDEF");
        Assert.Equal(RiskReturnCode.BadSign, agent.ReturnCode);

        var utilityRow = journal.Locator("tbody tr.refused", new() { HasText = "EGG0001" });
        var riskRow = journal.Locator("tbody tr.refused", new() { HasText = "10002" });
        await Assertions.Expect(utilityRow).ToBeVisibleAsync(ConsoleServer.Visible);
        await Assertions.Expect(riskRow).ToBeVisibleAsync(ConsoleServer.Visible);
        await Assertions.Expect(utilityRow).ToContainTextAsync("api-key");
        await console.ScreenshotAsync("journal");

        await riskRow.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Why it was refused" })).ToBeVisibleAsync(ConsoleServer.Visible);
        var diagnosis = await console.Page.Locator("#diagnosis").InnerTextAsync();
        var signed = diagnosis[(diagnosis.IndexOf(">>>", StringComparison.Ordinal) + 3)..diagnosis.IndexOf("<<<", StringComparison.Ordinal)];
        Assert.EndsWith("&key=***", signed, StringComparison.Ordinal);
        var independent = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(signed[..^3] + RiskCaller.Secret)));
        Assert.Equal(RiskSign.Sign(JsonSerializer.SerializeToElement(query), RiskCaller.Secret), independent);

        // Copy as curl: the request rebuilt, every credential a placeholder (never the secret, never the sign sent).
        var curl = await console.Page.Locator("#curl").InnerTextAsync();
        Assert.Contains("/risk/case/query", curl, StringComparison.Ordinal);
        Assert.True(curl.Contains("<credential>", StringComparison.Ordinal), curl);
        Assert.DoesNotContain("0123456789ABCDEF0123456789ABCDEF", curl, StringComparison.Ordinal);
        Assert.DoesNotContain(RiskCaller.Secret, await console.Page.ContentAsync(), StringComparison.Ordinal);

        // Copy as payhub call: the same fields for payhub call, which signs with the caller's profile (the demo's here):
        // run in a shell as copied, it is answered.
        var call = await console.Page.Locator("#payhub-call").InnerTextAsync();
        Assert.Contains("payhub call risk 'query' --url ", call, StringComparison.Ordinal);
        Assert.Contains("-f 'rows=5'", call, StringComparison.Ordinal);
        Assert.DoesNotContain("accessid", call, StringComparison.Ordinal);
        var answered = await RunAsPastedAsync(call);
        Assert.Contains("\"return_code\":10000", answered, StringComparison.Ordinal);
        await console.ScreenshotAsync("journal-entry");

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByLabel("Admin token")).ToBeVisibleAsync(ConsoleServer.Visible);
        await console.OpenAsync("/console/callers");
        await Assertions.Expect(console.Page.GetByLabel("Admin token")).ToBeVisibleAsync(ConsoleServer.Visible);
        Assert.Contains("/console/sign-in", console.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_passes_axe_and_shows_chinese_text()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        await console.OpenAsync("/console/sign-in");
        await console.CheckAccessibilityAsync();
        await console.ScreenshotAsync("sign-in");
        await console.SignInAsync();

        var pages = new (string Path, string Name, string? Chinese)[]
        {
            ("/console/journal", "journal-empty", null),
            ("/console/callers", "callers", "演示银行"),
            ("/console/utility?companyId=654321", "utility", "演示自来水公司"),
            ("/console/dsp?bankCode=GZELINK01", "dsp", "验证码已发送"),
            ("/console/global", "global", null),
            ("/console/risk", "risk", "山西兴宇装饰工程服务有限公司"),
            ("/console/sandbox?inbox=FW1000161", "sandbox", null),
        };
        foreach (var (path, name, chinese) in pages)
        {
            await console.OpenAsync(path);
            if (chinese is not null)
            {
                await Assertions.Expect(console.Page.GetByText(chinese).First).ToBeVisibleAsync(ConsoleServer.Visible);
            }

            await console.CheckAccessibilityAsync();
            await console.ScreenshotAsync(name);
        }

        // Keyboard: the skip link is the first stop and leads to the content.
        await console.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await console.Page.EvaluateAsync<string>("document.activeElement.textContent"));
    }

    /// <summary>Runs a copied command in bash, with <c>payhub</c> the built program as on a reader's PATH; what it printed.</summary>
    private static async Task<string> RunAsPastedAsync(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Remove(PayHub.Hosting.SocketScheduling.RuntimeSwitch);
        using var bash = System.Diagnostics.Process.Start(start)!;
        await bash.StandardInput.WriteAsync($"payhub() {{ dotnet '{Path.Combine(AppContext.BaseDirectory, "payhub.dll")}' \"$@\"; }}\n{command}\n");
        bash.StandardInput.Close();
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"{command}\nexited {bash.ExitCode}: {output}{error}");
        return output;
    }
}
