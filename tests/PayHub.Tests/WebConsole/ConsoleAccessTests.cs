using System.Net;

namespace PayHub.Tests.WebConsole;

/// <summary>The console's door: sessions, cookies, anti-forgery, roles, and the admin API staying bearer-only.</summary>
public sealed class ConsoleAccessTests : IDisposable
{
    private readonly PayHubFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_callers_page_lists_the_demo_institution()
    {
        var user = await ConsoleUser.SignInAsync(_factory.CreateClient());
        var html = await user.PageAsync("/console/callers");
        Assert.Contains("<td>00001</td>", html, StringComparison.Ordinal);
    }
}
