using Microsoft.Playwright;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Browser;

/// <summary>
/// <c>/docs</c> in Chromium: Scalar's reference of the five OpenAPI documents opens from the server alone (every request the
/// page makes goes to the server itself: no CDN, no fonts from elsewhere), shows a family's operations with the codes of
/// its description, and switches to the admin document. Its screenshot is docs/operations.md's.
/// </summary>
[Collection(NodeProcesses.Name)]
[Trait("Category", "Browser")]
public sealed class ApiReferenceBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task The_reference_opens_offline_with_every_document()
    {
        await using var server = await ConsoleServer.StartAsync(chromium);
        var elsewhere = new List<string>();
        var origin = server.Node.Address.GetLeftPart(UriPartial.Authority);
        server.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        var documents = new List<string>();
        server.Page.Response += (_, response) =>
        {
            if (response.Url.Contains("/openapi/", StringComparison.Ordinal) && response.Status == 200)
            {
                documents.Add(new Uri(response.Url).AbsolutePath);
            }
        };

        await server.OpenAsync("/docs");

        await Assertions.Expect(server.Page.GetByRole(AriaRole.Heading, new() { Name = "PayHub utility billing" }).First).ToBeVisibleAsync(ConsoleServer.Visible);
        await Assertions.Expect(server.Page.GetByText("DEF0004").First).ToBeVisibleAsync(ConsoleServer.Visible);
        await Assertions.Expect(server.Page.GetByText("A utility operation named in the path").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await server.ScreenshotAsync("api-reference");
        Assert.Contains("/openapi/utility.json", documents);

        await server.OpenAsync("/docs/admin");
        await Assertions.Expect(server.Page.GetByRole(AriaRole.Heading, new() { Name = "PayHub admin API" }).First).ToBeVisibleAsync(ConsoleServer.Visible);
        Assert.Contains("/openapi/admin.json", documents);
        Assert.Empty(elsewhere);
    }
}
