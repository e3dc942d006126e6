using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PayHub.Tests.MultiNode;

/// <summary>
/// A PayHub server in its own process (the built <c>payhub.dll</c>, <c>serve --demo --db …</c>) on a
/// loopback port: what a node behind a load balancer is. It can be stopped, or killed with SIGKILL.
/// </summary>
public sealed class PayHubNode : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private PayHubNode(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The node's operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the node wrote to stdout and stderr so far (for a failing test's message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PayHubNode> StartAsync(string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = LoopbackEndpoint.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "payhub.dll"), "serve", "--demo", "--db", database, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // A node starts as from an operator's shell: not with the runtime's socket switch that a
        // server on real Kestrel in this test process set for itself (SocketScheduling).
        start.Environment.Remove(PayHub.Hosting.SocketScheduling.RuntimeSwitch);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment["PayHub__" + key] = value;
        }

        var process = Process.Start(start)!;
        var node = new PayHubNode(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilReadyAsync();
        return node;
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    public HttpClient Admin()
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "demo-admin-token");
        return client;
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = Client();
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The node exited on start:\n" + Output);
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The node did not get ready in 30 s:\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

}
