using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PayHub.Tests;

/// <summary>A peer of PayHub's (an agent's push receiver, a remote gateway) as one POST endpoint on a real loopback port.</summary>
public static class LoopbackEndpoint
{
    public static async Task<WebApplication> StartAsync(string path, RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost(path, handle);
        await app.StartAsync();
        return app;
    }

    /// <summary>A loopback port nobody listens on right now (for a server the test starts there, or a peer that is not there).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
