using System.Net;
using PayHub.Tests.WebConsole;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// A console session belongs to the database, not to a node: signed in on one node, the browser is served by the
/// other (a form rendered by one is accepted by the other: the anti-forgery keys are shared), and signing out on
/// one ends the session on both. Behind a proxy that says the request came over HTTPS the cookies are Secure.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class ConsoleAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task A_session_started_on_one_node_works_on_the_other_and_signing_out_on_either_ends_it_on_both()
    {
        var cookies = new CookieContainer(); // one browser behind a load balancer: the same cookies reach both nodes
        using var toA = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = nodes.A.Address };
        using var toB = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = nodes.B.Address };
        var onA = await ConsoleUser.SignInAsync(toA);
        var onB = new ConsoleUser(toB);

        Assert.Contains("<td>00001</td>", await onB.PageAsync("/console/callers"), StringComparison.Ordinal);

        // A form A rendered, posted to B.
        await onA.PageAsync("/console/callers");
        var created = await onB.PostAsync("/console/do/CreateFrontEnd", new()
        {
            ["__af"] = onA.FormToken,
            ["body.clientId"] = "NODES" + Guid.NewGuid().ToString("N")[..6],
            ["body.name"] = "Across nodes",
            ["back"] = "/console/callers",
        });
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        Assert.Contains("Shown once", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await onB.PageAsync("/console/journal");
        var signedOut = await onB.PostAsync("/console/sign-out", []);
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Contains("Sign in", await signedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The browser no longer holds the session (B deleted its cookie), so A shows it the sign-in page; that a copy of
        // the cookie opens nothing on either node is the next test's.
        Assert.Contains("Admin token", await onA.PageAsync("/console/journal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_session_cookie_stops_working_on_every_node_once_signed_out()
    {
        using var toA = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = nodes.A.Address };
        using var toB = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = nodes.B.Address };
        var signIn = await toA.GetAsync("/console/sign-in");
        var antiforgeryCookie = Cookie(signIn, "payhub_console_af");
        var token = ConsoleUser.FormTokenIn(await signIn.Content.ReadAsStringAsync())!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token, ["token"] = "demo-admin-token" }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var session = Cookie(await toA.SendAsync(post), "payhub_console");

        Assert.Equal(HttpStatusCode.OK, (await Get(toA, session + "; " + antiforgeryCookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(toB, session + "; " + antiforgeryCookie)).StatusCode);

        var page = await Get(toB, session + "; " + antiforgeryCookie);
        var pageToken = ConsoleUser.FormTokenIn(await page.Content.ReadAsStringAsync())!;
        var pageCookies = page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("payhub_console_af=", StringComparison.Ordinal)) : null;
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/console/sign-out") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = pageToken }) };
        signOut.Headers.Add("Cookie", session + "; " + (pageCookies ?? antiforgeryCookie));
        Assert.Equal(HttpStatusCode.Redirect, (await toB.SendAsync(signOut)).StatusCode);

        foreach (var node in new[] { toA, toB })
        {
            var after = await Get(node, session + "; " + antiforgeryCookie);
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/console/sign-in", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Behind_a_proxy_that_says_https_the_session_and_anti_forgery_cookies_are_secure()
    {
        using var proxy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = nodes.A.Address };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/console/sign-in");
        get.Headers.Add("X-Forwarded-Proto", "https");
        var signIn = await proxy.SendAsync(get);
        var antiforgery = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("payhub_console_af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = ConsoleUser.FormTokenIn(await signIn.Content.ReadAsStringAsync())!,
                ["token"] = "demo-admin-token",
            }),
        };
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await proxy.SendAsync(post);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("payhub_console=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);

        // Plain HTTP through no proxy: not Secure (a browser would drop a Secure cookie on http).
        var plain = await proxy.GetAsync("/console/sign-in");
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("payhub_console_af=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    private static Task<HttpResponseMessage> Get(HttpClient node, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/console/callers");
        request.Headers.Add("Cookie", cookies);
        return node.SendAsync(request);
    }
}
