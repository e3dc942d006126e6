using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PayHub.Tests.RiskCases;

/// <summary>
/// An agent's push receiver on a real loopback port: keeps every pushed message and answers each
/// with the next behaviour queued (fail, hang, …), or with an acknowledgement when none is queued.
/// </summary>
public sealed class NotifyReceiver : IAsyncDisposable
{
    private readonly Queue<Func<HttpContext, Task>> _behaviours = new();
    private WebApplication _app = null!;

    private NotifyReceiver()
    {
    }

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public string Url => _app.Urls.Single() + "/notify";

    public static async Task<NotifyReceiver> StartAsync()
    {
        var receiver = new NotifyReceiver();
        receiver._app = await LoopbackEndpoint.StartAsync("/notify", async context =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            receiver.Received.Enqueue(document.RootElement.Clone());
            Func<HttpContext, Task> behaviour;
            lock (receiver._behaviours)
            {
                behaviour = receiver._behaviours.Count > 0 ? receiver._behaviours.Dequeue() : Acknowledge;
            }

            await behaviour(context);
        });
        return receiver;
    }

    public static Task Acknowledge(HttpContext context) => context.Response.WriteAsJsonAsync(new { return_code = 10000, return_msg = "" });

    /// <summary>How the next message not yet answered will be answered.</summary>
    public void Then(Func<HttpContext, Task> behaviour)
    {
        lock (_behaviours)
        {
            _behaviours.Enqueue(behaviour);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
