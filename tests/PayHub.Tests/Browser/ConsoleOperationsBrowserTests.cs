using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PayHub.Tests.Agreements;
using PayHub.Tests.Cli;
using PayHub.Tests.MultiNode;
using PayHub.Tests.Utility;

namespace PayHub.Tests.Browser;

/// <summary>
/// An operator runs the hub from the console in Chromium, and the clients see the difference: a code mapping edited,
/// a failed push redelivered, the sandbox clock moved past an SMS code's life, an API key rotated with and without an
/// overlap window; and a read-only token finds every change refused.
/// </summary>
[Collection(NodeProcesses.Name)]
[Trait("Category", "Browser")]
public sealed class ConsoleOperationsBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task A_code_mapping_changed_in_the_console_changes_the_next_contract_answer()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        var frontEnd = new DspCaller(console.Node.Client());
        var before = await frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "GZELINK01"));
        Assert.Equal("验证码已发送", before["RespInfo"]);

        await console.SignInAsync();
        await console.OpenAsync("/console/dsp?bankCode=GZELINK01");
        await console.Page.GetByLabel("The channel's code").FillAsync("0001");
        await console.Page.GetByLabel("Unified code").FillAsync("EC100");
        await console.Page.GetByLabel("Message").FillAsync("短信验证码已下发");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mapping saved");
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Cell, new() { Name = "短信验证码已下发" })).ToBeVisibleAsync(ConsoleServer.Visible);

        var after = await frontEnd.SendAsync(DspCaller.Step("Contract", "01", DspCaller.NewPayAct(), "GZELINK01"));
        Assert.Equal(("EC100", "短信验证码已下发", "0001"), (after.UnifiedCode, after["RespInfo"], after["OriginalCode"]));
    }

    [Fact]
    public async Task Moving_the_sandbox_clock_in_the_console_makes_an_sms_code_expire()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        var frontEnd = new DspCaller(console.Node.Client());
        var payAct = DspCaller.NewPayAct();
        await frontEnd.SendAsync(DspCaller.Step("Contract", "01", payAct, "CMBC02"));

        await console.SignInAsync();
        await console.OpenAsync("/console/sandbox");
        await console.Page.GetByLabel("Offset from real time (ms)").First.FillAsync("305000");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Move the sandbox's clock" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("clock moved");
        await console.ScreenshotAsync("sandbox-clock");

        var confirmed = await frontEnd.SendAsync(DspCaller.Step("Contract", "02", payAct, "CMBC02", DspCaller.FixedCode));
        Assert.Equal(("EC804", "fail"), (confirmed.UnifiedCode, confirmed["SignState"]));

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Back to real time" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("real time again");
    }

    [Fact]
    public async Task A_failed_push_redelivered_from_the_console_lands_in_the_sandbox_inbox()
    {
        const string agent = "FW1000161";
        await using var console = await ConsoleServer.StartAsync(chromium);
        await console.SignInAsync();
        await console.OpenAsync("/console/sandbox?inbox=" + agent);
        await console.Page.GetByLabel("Fail with HTTP status (empty: acknowledge)").FillAsync("503");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Set how it answers" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Inbox setting saved");

        using var admin = console.Node.Admin();
        var created = await admin.PostAsJsonAsync("/admin/cases", new { mercNum = "833163489120001", typeNo = "T00038", riskTypeRules = "SR00045", caseDealWay = "investigate" });
        var caseNo = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("row").GetProperty("caseNo").GetString()!;

        // Every attempt fails; the sandbox clock is moved past each wait of the retry schedule until the push is failed.
        var offset = TimeSpan.Zero;
        foreach (var (wait, attempt) in PayHub.RiskCases.RiskPushSender.RetrySchedule.Prepend(TimeSpan.Zero).Select((w, i) => (w, i + 1)))
        {
            offset += wait + (wait > TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);
            Assert.True((await admin.PutAsJsonAsync("/admin/sandbox/clock", new { offsetMs = (long)offset.TotalMilliseconds })).IsSuccessStatusCode);
            await Poll.UntilAsync(async () => (await DeliveryAsync(admin, caseNo)).GetProperty("attempts").GetInt32() >= attempt, $"attempt {attempt}");
        }

        await Poll.UntilAsync(async () => (await DeliveryAsync(admin, caseNo)).GetProperty("state").GetString() == "failed", "the push failed");
        var deliveryId = (await DeliveryAsync(admin, caseNo)).GetProperty("deliveryId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        await console.OpenAsync("/console/sandbox?inbox=" + agent);
        await console.Page.GetByLabel("Fail with HTTP status (empty: acknowledge)").FillAsync("");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Set how it answers" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Inbox setting saved");

        await console.OpenAsync("/console/risk?state=failed");
        var row = console.Page.Locator("tr", new() { Has = console.Page.GetByRole(AriaRole.Cell, new() { Name = deliveryId, Exact = true }) });
        await row.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued again");
        await console.ScreenshotAsync("risk");

        await Poll.UntilAsync(async () => (await DeliveryAsync(admin, caseNo)).GetProperty("state").GetString() == "delivered", "redelivered");
        await console.OpenAsync("/console/sandbox?inbox=" + agent);
        var delivered = console.Page.Locator("tr", new() { HasText = caseNo }).Filter(new() { Has = console.Page.GetByRole(AriaRole.Cell, new() { Name = "200", Exact = true }) });
        await Assertions.Expect(delivered.First).ToBeVisibleAsync(ConsoleServer.Visible);
    }

    [Fact]
    public async Task An_api_key_rotated_in_the_console_without_overlap_stops_at_once_and_with_overlap_both_work_until_the_window_ends()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        var bank = new UtilityCaller(console.Node.Client());
        await console.SignInAsync();

        var first = await RotateAsync(console, overlapSeconds: 0);
        Assert.Equal(PayHub.Protocols.Utility.UtilityRespCode.Unauthorized, (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: UtilityCaller.ApiKey)).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: first)).RespCode);

        var second = await RotateAsync(console, overlapSeconds: 4);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: first)).RespCode);
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: second)).RespCode);
        await Poll.UntilAsync(
            async () => (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: first)).RespCode == PayHub.Protocols.Utility.UtilityRespCode.Unauthorized,
            "the old key's window ends");
        Assert.Equal("AAAAAAA", (await bank.SendAsync(UtilityCaller.CustomerCheck(), apiKey: second)).RespCode);
    }

    [Fact]
    public async Task A_read_only_token_sees_every_page_and_finds_every_change_refused()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        var key = new Dictionary<string, string> { ["PAYHUB__MASTERKEY"] = PayHub.Secrets.MasterKey.Demo };
        var issued = await PayhubCommand.RunAsync(key, "admin-token", "--db", console.Database, "--label", "auditor", "--read-only");
        Assert.Equal(0, issued.ExitCode);
        await console.SignInAsync(issued.Output.Trim());

        var refused = 0;
        foreach (var path in new[] { "/console/callers", "/console/dsp?bankCode=GZELINK01", "/console/global", "/console/risk?caseNo=20230505153037394436862808100", "/console/sandbox?inbox=FW1000161" })
        {
            await console.OpenAsync(path);
            await Assertions.Expect(console.Page.GetByText("Read-only access: every change is refused.")).ToBeVisibleAsync(ConsoleServer.Visible);
            var forms = await console.Page.Locator("form[action^='/console/do/']").CountAsync();
            Assert.True(forms > 0, path + " has changes to try");
            for (var i = 0; i < forms; i++)
            {
                await console.OpenAsync(path);
                var answer = await console.Page.RunAndWaitForResponseAsync(
                    () => console.Page.EvaluateAsync("i => document.querySelectorAll(\"form[action^='/console/do/']\")[i].submit()", i),
                    response => response.Request.Method == "POST" && response.Url.Contains("/console/do/", StringComparison.Ordinal));
                Assert.Equal(403, answer.Status);
                await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Read-only access" })).ToBeVisibleAsync(ConsoleServer.Visible);
                refused++;
            }
        }

        Assert.True(refused >= 20, $"{refused} changes tried");
        Assert.Equal("AAAAAAA", (await new UtilityCaller(console.Node.Client()).SendAsync(UtilityCaller.CustomerCheck())).RespCode); // the key was not rotated
    }

    private static async Task<string> RotateAsync(ConsoleServer console, int overlapSeconds)
    {
        await console.OpenAsync("/console/callers");
        var row = console.Page.Locator("tr", new() { Has = console.Page.GetByRole(AriaRole.Cell, new() { Name = "00001", Exact = true }) });
        await row.GetByLabel("Old key works for (s)").FillAsync(overlapSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate API key" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Shown once: copy it now" })).ToBeVisibleAsync(ConsoleServer.Visible);
        await console.ScreenshotAsync("api-key-issued");
        return (await console.Page.Locator("dd[data-field='apiKey']").InnerTextAsync()).Trim();
    }

    private static async Task<JsonElement> DeliveryAsync(HttpClient admin, string caseNo) =>
        (await admin.GetFromJsonAsync<List<JsonElement>>($"/admin/risk-deliveries?caseNo={caseNo}"))!.Single();
}

/// <summary>Polls a condition with a generous limit: tests wait for what happens, never assert how fast.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "waited too long for: " + what);
            await Task.Delay(200);
        }
    }
}
