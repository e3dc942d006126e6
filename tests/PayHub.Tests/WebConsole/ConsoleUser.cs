using System.Net;
using System.Text.RegularExpressions;

namespace PayHub.Tests.WebConsole;

/// <summary>A browser without script, over plain HTTP: keeps cookies, reads the form token from each page, posts forms.</summary>
public sealed partial class ConsoleUser(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>The anti-forgery token of the last page read.</summary>
    public string FormToken { get; private set; } = "";

    public static async Task<ConsoleUser> SignInAsync(HttpClient http, string token = "demo-admin-token")
    {
        var user = new ConsoleUser(http);
        await user.PageAsync("/console/sign-in");
        var signedIn = await user.PostAsync("/console/sign-in", new() { ["token"] = token, ["returnUrl"] = "/console/journal" });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return user;
    }

    /// <summary>Reads a page (following redirects) and keeps its form token.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (FormTokenIn(html) is { } token)
        {
            FormToken = token;
        }

        return html;
    }

    /// <summary>Posts a form with the last page's token (unless the fields carry their own).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields)
    {
        if (!fields.ContainsKey("__af"))
        {
            fields["__af"] = FormToken;
        }

        var response = await Http.PostAsync(path, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        if (FormTokenIn(html) is { } token)
        {
            FormToken = token;
        }

        return response;
    }

    public static string? FormTokenIn(string html) => FormField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__af\" value=\"([^\"]*)\"")]
    private static partial Regex FormField();
}
