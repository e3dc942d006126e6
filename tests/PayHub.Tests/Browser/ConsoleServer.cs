using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PayHub.Tests.MultiNode;

namespace PayHub.Tests.Browser;

/// <summary>
/// A real PayHub (its own process, sandbox with the demo data, on a loopback port) and a Chromium page on its console.
/// Waits poll with generous limits (Playwright's expectations): nothing asserts how fast a page is.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    public static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    private readonly string _folder;

    private ConsoleServer(string folder, PayHubNode node, IBrowserContext context, IPage page)
    {
        _folder = folder;
        Node = node;
        Context = context;
        Page = page;
    }

    public PayHubNode Node { get; }

    /// <summary>The node's database (for the CLI, as an operator would run it beside the server).</summary>
    public string Database => TestDatabases.For(_folder);

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Url(string path) => new Uri(Node.Address, path).ToString();

    public static async Task<ConsoleServer> StartAsync(Chromium chromium, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = TestDatabases.NewFolder("console");
        var node = await PayHubNode.StartAsync(TestDatabases.For(folder), settings ?? new Dictionary<string, string> { ["RiskPushIntervalMs"] = "100" });
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new ConsoleServer(folder, node, context, page);
    }

    /// <summary>Signs in through the sign-in page, as a person would.</summary>
    public async Task SignInAsync(string token = "demo-admin-token")
    {
        await Page.GotoAsync(Url("/console"));
        await Page.GetByLabel("Admin token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Journal", Exact = true })).ToBeVisibleAsync(Visible);
    }

    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(Url(path));
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>axe on the page as it is: no serious or critical violation.</summary>
    public async Task CheckAccessibilityAsync()
    {
        var result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, Page.Url + ": " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }

    /// <summary>A screenshot into the artifacts folder (PAYHUB_SCREENSHOTS, else screenshots/ beside the tests), for docs/console.md.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("PAYHUB_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Node.Dispose();
        TestDatabases.DeleteFolder(_folder);
    }
}
