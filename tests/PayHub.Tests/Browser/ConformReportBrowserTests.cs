using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using PayHub.Cli.Calls;
using PayHub.Cli.Conformance;
using PayHub.Protocols.Xml;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Browser;

/// <summary>
/// The HTML report of <c>payhub conform</c> in Chromium: a run against a faulty peer (PayHub behind a relay that answers
/// UTF-8 under a GBK declaration) opens as a page with its totals, the failed cases open with their reason, the
/// Chinese of the exchanges readable, and no serious accessibility violation. Its screenshot is docs/cli.md's.
/// </summary>
[Collection(NodeProcesses.Name)]
[Trait("Category", "Browser")]
public sealed class ConformReportBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task The_report_of_a_faulty_peer_opens_with_its_failures_explained()
    {
        await using var console = await ConsoleServer.StartAsync(chromium);
        await using var peer = await LoopbackEndpoint.StartAsync("/utility/{**operation}", async http => await RelayInUtf8Async(http, console.Node.Address));
        var address = new Uri(peer.Urls.First());
        var report = await ConformCommand.RunAsync(
            "utility", address, UtilityConformance.Cases(CallProfile.Load(null).Utility!, address), TimeProvider.System, CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), $"conform-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, ConformanceHtml.Render(report));
        try
        {
            await console.Page.GotoAsync(new Uri(file).AbsoluteUri);

            var failed = report.Count(CaseOutcome.Failed);
            Assert.True(failed > 0);
            await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = $"payhub conform utility against {address}" })).ToBeVisibleAsync(ConsoleServer.Visible);
            await Assertions.Expect(console.Page.Locator(".totals")).ToContainTextAsync($"{report.Count(CaseOutcome.Passed)} passed, {failed} failed");
            await Assertions.Expect(console.Page.Locator("details.fail[open]")).ToHaveCountAsync(failed);
            await Assertions.Expect(console.Page.Locator("details.fail[open]", new() { HasText = "A03 the GBK XML answer" })).ToContainTextAsync("bytes not valid in GBK");
            await Assertions.Expect(console.Page.Locator("details.fail[open]", new() { HasText = "A03 the GBK XML answer" }).Locator("pre").First).ToContainTextAsync("<companyId>");
            await console.CheckAccessibilityAsync();
            await console.ScreenshotAsync("conform-report");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The fault: PayHub's GBK XML answers re-encoded as UTF-8, their declaration still saying GBK.</summary>
    private static async Task RelayInUtf8Async(HttpContext http, Uri payhub)
    {
        using var upstream = new HttpClient { BaseAddress = payhub };
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        using var forwarded = new HttpRequestMessage(HttpMethod.Post, http.Request.Path.Value) { Content = new ByteArrayContent(body.ToArray()) };
        forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", http.Request.ContentType);
        foreach (var name in new[] { "X-API-Key", "EncryptType", "EncryptMode", "DataType", "X-Request-Id" })
        {
            if (http.Request.Headers.TryGetValue(name, out var value))
            {
                forwarded.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }

        using var answer = await upstream.SendAsync(forwarded);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        if (SafeXml.DeclaredCharset(bytes) == "GBK")
        {
            bytes = Encoding.UTF8.GetBytes(XmlCharsets.GetString(XmlCharsets.Gbk, bytes));
        }

        http.Response.StatusCode = (int)answer.StatusCode;
        http.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        foreach (var name in new[] { "X-Request-Id", "X-Response-Time" })
        {
            if (answer.Headers.TryGetValues(name, out var values))
            {
                http.Response.Headers[name] = values.First();
            }
        }

        await http.Response.Body.WriteAsync(bytes);
    }
}
